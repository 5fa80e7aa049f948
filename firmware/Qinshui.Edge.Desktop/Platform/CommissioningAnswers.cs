using System.Globalization;
using System.Text.Json;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>
/// Where the technician's observations come from: a JSON answers file (scripted runs, tests)
/// or questions on the console. Keys: relays.&lt;output&gt;.{clicked,feedbackFollowed},
/// bump.&lt;channel&gt;.{appliedGas,reading,responseSeconds}, calibration.&lt;channel&gt;.{calibratedOn,dueOn,reference},
/// proof.&lt;zone&gt;.outputsDropped, technician.
/// </summary>
public interface ICommissioningAnswers
{
    string Text(string section, string item, string field, string question);
    double Number(string section, string item, string field, string question);
    bool YesNo(string section, string item, string field, string question);
}

public sealed class FileAnswers(JsonElement root) : ICommissioningAnswers
{
    public static FileAnswers Load(string file) => new(JsonDocument.Parse(File.ReadAllBytes(file)).RootElement.Clone());

    private JsonElement Get(string section, string item, string field)
    {
        if (section.Length == 0)
            return root.TryGetProperty(field, out var top) ? top : throw new MissingAnswerException(field);
        if (root.TryGetProperty(section, out var s) && s.TryGetProperty(item, out var i) && i.TryGetProperty(field, out var f)) return f;
        throw new MissingAnswerException($"{section}.{item}.{field}");
    }

    public string Text(string section, string item, string field, string question) => Get(section, item, field).GetString() ?? "";
    public double Number(string section, string item, string field, string question) => Get(section, item, field).GetDouble();
    public bool YesNo(string section, string item, string field, string question) => Get(section, item, field).GetBoolean();
}

public sealed class ConsoleAnswers(TextReader input, TextWriter output) : ICommissioningAnswers
{
    private string Ask(string question)
    {
        output.Write(question + " ");
        output.Flush();
        return (input.ReadLine() ?? throw new MissingAnswerException(question)).Trim();
    }

    public string Text(string section, string item, string field, string question) => Ask(question);

    public double Number(string section, string item, string field, string question)
    {
        while (true)
        {
            if (double.TryParse(Ask(question), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            output.WriteLine("  a number, please (e.g. 1.95)");
        }
    }

    public bool YesNo(string section, string item, string field, string question)
    {
        while (true)
        {
            string a = Ask(question + " [y/n]").ToLowerInvariant();
            if (a is "y" or "yes" or "是") return true;
            if (a is "n" or "no" or "否") return false;
        }
    }
}

public sealed class MissingAnswerException(string key) : Exception($"the answers file has no '{key}'");
