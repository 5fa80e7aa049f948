namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>The outcome of one command: accepted, or refused with a reason code and English + Chinese text.</summary>
    public sealed class CommandResult
    {
        public bool Ok;
        public string Code;
        public string English;
        public string Chinese;
        /// <summary>The command's id when it could be read from an authenticated envelope, else null.</summary>
        public string Id;
        public string Command;
        /// <summary>config_chunk: the index of the next chunk the gateway expects (the count once the transfer ended); -1: not written.</summary>
        public int NextChunk = -1;
        /// <summary>SHA-256 (hex) of a configuration this command had accepted (update_config, the last config_chunk); null: not written.</summary>
        public string ConfigHash;

        public void Clear()
        {
            Ok = false;
            Code = null;
            English = null;
            Chinese = null;
            Id = null;
            Command = null;
            NextChunk = -1;
            ConfigHash = null;
        }

        public void Accept(string english, string chinese)
        {
            Ok = true;
            Code = CommandReasons.Ok;
            English = english;
            Chinese = chinese;
        }

        public void Refuse(string code, string english, string chinese)
        {
            Ok = false;
            Code = code;
            English = english;
            Chinese = chinese;
        }

        /// <summary>Refuses with one of the processor's own reasons (text looked up).</summary>
        public void Refuse(string code)
        {
            Refuse(code, CommandReasons.English(code), CommandReasons.Chinese(code));
        }
    }
}
