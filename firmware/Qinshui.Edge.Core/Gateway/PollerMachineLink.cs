using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Core.Gateway
{
    /// <summary>
    /// A chip-coded welding machine read through the Modbus poller: the identity code is an
    /// ASCII point, the arc current a numeric one. The code string is rebuilt only when its
    /// bytes change, so a running session's step allocates nothing.
    /// </summary>
    public sealed class PollerMachineLink : IWeldingMachineLink
    {
        private readonly ModbusPoller _poller;
        private readonly int _identityPoint;
        private readonly int _modelPoint;
        private readonly int _currentPoint;
        private readonly byte[] _bytes = new byte[64];
        private readonly byte[] _lastBytes = new byte[64];
        private int _lastLength = -1;
        private string _code;

        public PollerMachineLink(ModbusPoller poller, int identityPoint, int modelPoint, int currentPoint)
        {
            _poller = poller;
            _identityPoint = identityPoint;
            _modelPoint = modelPoint;
            _currentPoint = currentPoint;
        }

        public bool TryGetIdentity(out string code, out string model)
        {
            model = "";
            code = null;
            if (_identityPoint < 0) return false;
            int n = _poller.CopyText(_identityPoint, _bytes, 0);
            // Identity registers pad with NUL or spaces.
            while (n > 0 && (_bytes[n - 1] == 0 || _bytes[n - 1] == (byte)' ')) n--;
            if (n == 0) return false;
            bool same = n == _lastLength;
            for (int i = 0; same && i < n; i++) same = _bytes[i] == _lastBytes[i];
            if (!same)
            {
                char[] c = new char[n];
                for (int i = 0; i < n; i++)
                {
                    byte b = _bytes[i];
                    c[i] = b >= 0x20 && b < 0x7F ? (char)b : '?';
                    _lastBytes[i] = b;
                }
                _lastLength = n;
                _code = new string(c);
            }
            code = _code;
            return true;
        }

        public double ArcCurrentAmps
        {
            get { return _currentPoint < 0 ? 0 : _poller.ReadingOf(_currentPoint).Value; }
        }

        public Quality ArcCurrentQuality
        {
            get { return _currentPoint < 0 ? Quality.NoData : _poller.ReadingOf(_currentPoint).Quality; }
        }
    }
}
