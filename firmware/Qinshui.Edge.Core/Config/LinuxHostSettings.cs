namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// "linuxHost": how a Linux gateway (qedge run on a Raspberry Pi or an industrial PC) reaches
    /// the analog inputs and card readers the configuration lists. The ESP32 takes the same ids
    /// from its board file and ignores this section; it is read and checked everywhere so a
    /// mistake in it is found by the same validator.
    /// </summary>
    public sealed class LinuxHostSettings
    {
        public LinuxHostSettings()
        {
            AnalogInputs = new HostAnalogInput[0];
            CardReaders = new HostCardReader[0];
        }

        public HostAnalogInput[] AnalogInputs { get; set; }
        public HostCardReader[] CardReaders { get; set; }

        public HostAnalogInput AnalogInput(string id)
        {
            for (int i = 0; i < AnalogInputs.Length; i++)
            {
                if (AnalogInputs[i].Id == id) return AnalogInputs[i];
            }
            return null;
        }

        public HostCardReader CardReader(string id)
        {
            for (int i = 0; i < CardReaders.Length; i++)
            {
                if (CardReaders[i].Id == id) return CardReaders[i];
            }
            return null;
        }
    }
}
