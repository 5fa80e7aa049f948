namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// A permissive output (relay powering a zone's equipment) and how it is supervised:
    /// a feedback input (auxiliary contact or current sensing) and optionally a load-current
    /// signal for bypass detection (a welding machine's arc current while it is locked).
    /// </summary>
    public sealed class OutputConfig
    {
        public const int DefaultFeedbackSettleMs = 500;

        public OutputConfig(string id)
        {
            Id = id;
            FeedbackSettleMs = DefaultFeedbackSettleMs;
            LoadCurrentThresholdAmps = double.NaN;
        }

        public string Id { get; set; }

        /// <summary>Input active while the output's contact is closed / the load is powered; null = no feedback.</summary>
        public string FeedbackInputId { get; set; }

        /// <summary>After a command change, feedback must follow within this time.</summary>
        public int FeedbackSettleMs { get; set; }

        /// <summary>Optional channel measuring the load's current (A); at or above the threshold while off = bypass.</summary>
        public string LoadCurrentChannelId { get; set; }
        public double LoadCurrentThresholdAmps { get; set; }

        /// <summary>Optional input active while the load draws current (current relay).</summary>
        public string LoadCurrentInputId { get; set; }
    }
}
