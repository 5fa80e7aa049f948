using Qinshui.Edge.Desktop.Platform;
using System.Text;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>
/// A large, valid gateway configuration for benchmarks: N gas channels on Modbus (16 points per
/// device, 4 devices per bus), one zone and one permissive output per 16 channels.
/// </summary>
public static class ConfigGenerator
{
    public static byte[] Generate(int channels)
    {
        int devices = (channels + 15) / 16;
        int buses = (devices + 3) / 4;
        var sb = new StringBuilder();
        sb.Append("{\"schemaVersion\":1,\"site\":{\"id\":\"bench-site\"},\"gateway\":{\"id\":\"bench-gw\"},");
        sb.Append("\"mqtt\":{\"broker\":\"mqtts://platform.example:8883\",\"requireTls\":true},");
        sb.Append("\"deviceProfiles\":[{\"id\":\"multi-16\",\"source\":\"benchmark map\",\"points\":[");
        for (int p = 0; p < 16; p++) sb.Append(p == 0 ? "" : ",").Append($"{{\"id\":\"p{p}\",\"function\":3,\"address\":{p},\"type\":\"u16\",\"scale\":0.01,\"unit\":\"%vol\"}}");
        sb.Append("]}],\"buses\":[");
        for (int b = 0; b < buses; b++)
        {
            sb.Append(b == 0 ? "" : ",").Append($"{{\"id\":\"bus-{b}\",\"port\":\"/dev/ttyUSB{b}\",\"baud\":19200,\"devices\":[");
            for (int d = 0; d < 4 && b * 4 + d < devices; d++)
                sb.Append(d == 0 ? "" : ",").Append($"{{\"name\":\"dev-{b * 4 + d}\",\"unit\":{d + 1},\"profile\":\"multi-16\",\"pollIntervalMs\":2000}}");
            sb.Append("]}");
        }
        sb.Append("],\"channels\":[");
        for (int c = 0; c < channels; c++)
        {
            int dev = c / 16;
            sb.Append(c == 0 ? "" : ",").Append($"{{\"id\":\"ch-{c}\",\"profile\":\"MINE_CH4_FACE\",\"maxAgeMs\":10000,")
              .Append("\"levels\":[{\"kind\":\"alarm\",\"threshold\":0.9}],")
              .Append($"\"source\":{{\"bus\":\"bus-{dev / 4}\",\"device\":\"dev-{dev}\",\"point\":\"p{c % 16}\"}}}}");
        }
        sb.Append("],\"interlocks\":{\"outputs\":[");
        for (int z = 0; z < devices; z++) sb.Append(z == 0 ? "" : ",").Append($"{{\"id\":\"out-{z}\"}}");
        sb.Append("],\"zones\":[");
        for (int z = 0; z < devices; z++)
        {
            sb.Append(z == 0 ? "" : ",").Append($"{{\"id\":\"zone-{z}\",\"outputs\":[\"out-{z}\"],\"channels\":[");
            for (int k = 0; k < 16 && z * 16 + k < channels; k++) sb.Append(k == 0 ? "" : ",").Append($"{{\"channel\":\"ch-{z * 16 + k}\",\"permitLevel\":\"trip\"}}");
            sb.Append("]}");
        }
        sb.Append("]}}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
