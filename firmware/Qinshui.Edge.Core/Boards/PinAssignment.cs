namespace Qinshui.Edge.Core.Boards
{
    /// <summary>One GPIO of a board: what it is wired to (role) and what it does (function).</summary>
    public sealed class PinAssignment
    {
        public PinAssignment(string role, int gpio, PinFunction function)
        {
            Role = role;
            Gpio = gpio;
            Function = function;
        }

        /// <summary>Stable name used by the configuration (e.g. "relay1", "rs485_tx").</summary>
        public string Role { get; }
        public int Gpio { get; }
        public PinFunction Function { get; }
    }
}
