using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Device
{
    /// <summary>
    /// Validates an authentic configuration's content. SEAM: the gateway configuration model
    /// and its validator belong to the tooling issue (#9); the firmware passes them in here.
    /// </summary>
    public delegate bool ConfigContentCheck(byte[] payload, int offset, int length, ValidationErrors errors);
}
