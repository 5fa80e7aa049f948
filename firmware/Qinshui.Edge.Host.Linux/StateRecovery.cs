namespace Qinshui.Edge.Host.Linux;

/// <summary>Where <see cref="HostStateStore.Load"/> found the state.</summary>
public enum StateRecovery
{
    /// <summary>No state file at all: a first start.</summary>
    Fresh,
    /// <summary>The state file (or the complete temporary file of a save cut between its renames).</summary>
    Current,
    /// <summary>The state file was damaged or missing: the previous good copy, one save older.</summary>
    Previous,
    /// <summary>Neither the file nor its previous copy was usable: safe defaults.</summary>
    Defaults,
}
