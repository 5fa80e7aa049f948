namespace Qinshui.Edge.Core.Welding
{
    public enum PermitKind
    {
        /// <summary>动火作业票 (GB 30871-2022).</summary>
        HotWork = 0,
        /// <summary>受限空间作业票 (GB 30871-2022).</summary>
        ConfinedSpace = 1,
    }
}
