namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// What the birth message says about a zone: its id, the outputs it drives and the channels
    /// it watches. Plain data; the zone engine (interlocks) owns the behaviour.
    /// </summary>
    public sealed class ZoneInfo
    {
        public ZoneInfo(string id, string[] outputIds, string[] channelIds)
        {
            Id = id;
            OutputIds = outputIds == null ? new string[0] : outputIds;
            ChannelIds = channelIds == null ? new string[0] : channelIds;
        }

        public string Id { get; }
        public string[] OutputIds { get; }
        public string[] ChannelIds { get; }
    }
}
