using System.Collections;

namespace Qinshui.Edge.Core.Validation
{
    /// <summary>Collects every error of a validation (not just the first), with its path.</summary>
    public sealed class ValidationErrors
    {
        // Created with the first entry and released when emptied: a holder that keeps an empty
        // collection for the life of a boot (the zone engine) then costs one object, not a list
        // (nanoFramework heap, docs/memory.md).
        private ArrayList _items;

        public int Count { get { return _items == null ? 0 : _items.Count; } }

        public ValidationError this[int index]
        {
            get
            {
                if (_items == null) throw new System.ArgumentOutOfRangeException("index");
                return (ValidationError)_items[index];
            }
        }

        public bool HasErrors { get { return ErrorsSince(0) > 0; } }

        /// <summary>Number of errors (not warnings) recorded at or after index mark (a Count taken earlier).</summary>
        public int ErrorsSince(int mark)
        {
            int n = 0;
            for (int i = mark; i < Count; i++)
            {
                if (!((ValidationError)_items[i]).IsWarning) n++;
            }
            return n;
        }

        public void Error(string path, string code, string english, string chinese)
        {
            Add(new ValidationError(path, code, english, chinese, false));
        }

        public void Warning(string path, string code, string english, string chinese)
        {
            Add(new ValidationError(path, code, english, chinese, true));
        }

        private void Add(ValidationError e)
        {
            if (_items == null) _items = new ArrayList();
            _items.Add(e);
        }

        public bool Contains(string code)
        {
            for (int i = 0; i < Count; i++)
            {
                if (((ValidationError)_items[i]).Code == code) return true;
            }
            return false;
        }

        /// <summary>
        /// Forgets the warnings, keeping the errors in order. For a holder that outlives its
        /// validation and reports only errors (the zone engine's ConfigInvalid event): the
        /// warnings' objects and texts are then free heap.
        /// </summary>
        public void DropWarnings()
        {
            if (_items == null) return;
            for (int i = _items.Count - 1; i >= 0; i--)
            {
                if (((ValidationError)_items[i]).IsWarning) _items.RemoveAt(i);
            }
            if (_items.Count == 0) _items = null;
        }
    }
}
