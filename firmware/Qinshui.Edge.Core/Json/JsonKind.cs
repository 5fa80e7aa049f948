namespace Qinshui.Edge.Core.Json
{
    public enum JsonKind
    {
        Null = 0,
        False = 1,
        True = 2,
        Number = 3,
        String = 4,
        Array = 5,
        Object = 6,
    }
}
