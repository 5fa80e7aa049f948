using System.Collections;

namespace Qinshui.Edge.Core.Validation
{
    /// <summary>Collects every error of a validation (not just the first), with its path.</summary>
    public sealed class ValidationErrors
    {
        private readonly ArrayList _items = new ArrayList();

        public int Count { get { return _items.Count; } }

        public ValidationError this[int index] { get { return (ValidationError)_items[index]; } }

        public bool HasErrors
        {
            get
            {
                for (int i = 0; i < _items.Count; i++)
                {
                    if (!((ValidationError)_items[i]).IsWarning) return true;
                }
                return false;
            }
        }

        /// <summary>Number of errors (not warnings) recorded at or after index mark (a Count taken earlier).</summary>
        public int ErrorsSince(int mark)
        {
            int n = 0;
            for (int i = mark; i < _items.Count; i++)
            {
                if (!((ValidationError)_items[i]).IsWarning) n++;
            }
            return n;
        }

        public void Error(string path, string code, string english, string chinese)
        {
            _items.Add(new ValidationError(path, code, english, chinese, false));
        }

        public void Warning(string path, string code, string english, string chinese)
        {
            _items.Add(new ValidationError(path, code, english, chinese, true));
        }

        public bool Contains(string code)
        {
            for (int i = 0; i < _items.Count; i++)
            {
                if (((ValidationError)_items[i]).Code == code) return true;
            }
            return false;
        }
    }
}
