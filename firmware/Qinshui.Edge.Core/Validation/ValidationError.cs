namespace Qinshui.Edge.Core.Validation
{
    /// <summary>One configuration error: where (JSON path), a stable code, and a sentence in English and Chinese.</summary>
    public sealed class ValidationError
    {
        public ValidationError(string path, string code, string english, string chinese, bool isWarning)
        {
            Path = path;
            Code = code;
            English = english;
            Chinese = chinese;
            IsWarning = isWarning;
        }

        public string Path { get; }
        public string Code { get; }
        public string English { get; }
        public string Chinese { get; }

        /// <summary>Warnings are reported but do not make the configuration invalid.</summary>
        public bool IsWarning { get; }

        public override string ToString()
        {
            return Path + ": " + English;
        }
    }
}
