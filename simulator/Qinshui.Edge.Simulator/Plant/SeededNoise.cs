namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// Seeded pseudo-random source. System.Random with an explicit seed uses a fixed algorithm, so
/// a scenario's seed reproduces the same noise on every machine and run.
/// </summary>
public sealed class SeededNoise
{
    private readonly Random _random;
    private double _spare;
    private bool _hasSpare;

    public SeededNoise(int seed)
    {
        _random = new Random(seed);
    }

    public double NextDouble() => _random.NextDouble();

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>Standard normal deviate (Marsaglia polar method).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u, v, s;
        do
        {
            u = _random.NextDouble() * 2 - 1;
            v = _random.NextDouble() * 2 - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * m;
        _hasSpare = true;
        return u * m;
    }

    /// <summary>A derived, independent stream (one per sensor) so adding a sensor does not change the others' noise.</summary>
    public static int Derive(int seed, string id)
    {
        unchecked
        {
            int h = seed * 31 + 17;
            foreach (char c in id) h = h * 31 + c;
            return h;
        }
    }
}
