using System.Text;
using System.Text.Json;
using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Tests.Json;

public class JsonWriterTests
{
    [Fact]
    public void WritesNestedDocumentsThatSystemTextJsonReads()
    {
        var w = new JsonWriter(new byte[512]);
        w.StartObject();
        w.String("zone", "电焊区-1 \"bay\"\n");
        w.Number("ch4", 1.25, 3);
        w.Integer("seq", -42);
        w.Bool("ok", false);
        w.Null("none");
        w.StartArray("values");
        w.NumberElement(0.5, 2);
        w.StringElement("😀");
        w.StartObject();
        w.Integer("a", 1);
        w.EndObject();
        w.EndArray();
        w.Hex("hash", new byte[] { 0x00, 0xAB, 0xFF }, 0, 3);
        w.EndObject();
        Assert.False(w.Overflowed);
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(w.Buffer, 0, w.Length));
        var r = doc.RootElement;
        Assert.Equal("电焊区-1 \"bay\"\n", r.GetProperty("zone").GetString());
        Assert.Equal(1.25, r.GetProperty("ch4").GetDouble());
        Assert.Equal(-42, r.GetProperty("seq").GetInt64());
        Assert.Equal("😀", r.GetProperty("values")[1].GetString());
        Assert.Equal(1, r.GetProperty("values")[2].GetProperty("a").GetInt32());
        Assert.Equal("00abff", r.GetProperty("hash").GetString());
    }

    [Fact]
    public void TooSmallBuffer_IsReportedAsOverflow_NeverWrittenPastTheEnd()
    {
        var buffer = new byte[20];
        buffer[10] = 0x55;
        var w = new JsonWriter(buffer);
        w.Reset(buffer, 0, 10);
        w.StartObject();
        w.String("a-long-name", "value");
        w.EndObject();
        Assert.True(w.Overflowed);
        Assert.Equal(0x55, buffer[10]);
    }

    [Fact]
    public void Writing_AllocatesNothing()
    {
        var w = new JsonWriter(new byte[1024]);
        string zone = "weld-bay-1";
        void Write()
        {
            w.Reset();
            w.StartObject();
            w.String("zone", zone);
            w.StartArray("r");
            for (int i = 0; i < 16; i++) w.NumberElement(i * 0.37, 3);
            w.EndArray();
            w.Integer("seq", 123456789);
            w.EndObject();
        }
        for (int i = 0; i < 2000; i++) Write(); // past tiered JIT's promotion
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) Write();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
