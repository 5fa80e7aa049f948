using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Validation;

public class ValidationErrorsTests
{
    [Fact]
    public void DropWarnings_KeepsTheErrorsInOrder()
    {
        var e = new ValidationErrors();
        e.Warning("a", "w1", "warn", "警告");
        e.Error("b", "e1", "first", "第一");
        e.Warning("c", "w2", "warn", "警告");
        e.Error("d", "e2", "second", "第二");
        e.DropWarnings();
        Assert.Equal(2, e.Count);
        Assert.Equal(("b", "e1"), (e[0].Path, e[0].Code));
        Assert.Equal(("d", "e2"), (e[1].Path, e[1].Code));
        Assert.True(e.HasErrors);
        Assert.False(e.Contains("w1"));
    }

    [Fact]
    public void DropWarnings_OfOnlyWarnings_LeavesAnEmptyCollectionThatStillWorks()
    {
        var e = new ValidationErrors();
        Assert.Equal(0, e.Count);
        e.DropWarnings();
        e.Warning("a", "w1", "warn", "警告");
        e.DropWarnings();
        Assert.Equal(0, e.Count);
        Assert.False(e.HasErrors);
        Assert.Equal(0, e.ErrorsSince(0));
        Assert.False(e.Contains("w1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => e[0]);
        e.Error("b", "e1", "again", "再次");
        Assert.Equal(1, e.Count);
        Assert.True(e.HasErrors);
    }
}
