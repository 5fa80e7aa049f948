using System.Globalization;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using UnitsNet;

namespace Qinshui.Edge.Desktop.Config;

/// <summary>
/// Converts gas limits between ppm, mg/m³, %vol and %LEL with UnitsNet, using the core's gas
/// table (molar mass, LEL) and the 20 °C molar volume of STANDARDS.md. The device only ever
/// receives the channel's own unit.
/// </summary>
public static class UnitConversion
{
    public static readonly string[] Accepted = ["ppm", "mg/m3", "mg/m³", "%vol", "%LEL"];

    /// <summary>Parses "20 mg/m3" into a number and a unit symbol; false if it is not of that form.</summary>
    public static bool TryParseQuantity(string text, out double value, out string unit)
    {
        value = 0;
        unit = "";
        text = text.Trim();
        int i = 0;
        while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or '-' or '+' or 'e' or 'E')) i++;
        if (i == 0 || !double.TryParse(text[..i], NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return false;
        unit = text[i..].Trim().Replace("m³", "m3");
        return unit.Length > 0;
    }

    /// <summary>Converts value in fromUnit to the channel's unit for gas; false with a reason when impossible.</summary>
    public static bool TryConvert(double value, string fromUnit, Unit to, GasInfo? gas, out double result, out string reason)
    {
        result = double.NaN;
        reason = "";
        string target = Units.Symbol(to);
        if (fromUnit == target)
        {
            result = value;
            return true;
        }
        if (gas == null)
        {
            reason = $"cannot convert {fromUnit} to {target} without knowing the gas (set \"gas\" or a profile)";
            return false;
        }
        // Everything goes through a volume fraction.
        VolumeConcentration fraction;
        switch (fromUnit)
        {
            case "ppm": fraction = VolumeConcentration.FromPartsPerMillion(value); break;
            case "%vol": fraction = VolumeConcentration.FromPercent(value); break;
            case "mg/m3":
                fraction = MassConcentration.FromMilligramsPerCubicMeter(value).ToVolumeConcentration(Density(gas));
                break;
            case "%LEL":
                if (!gas.IsCombustible)
                {
                    reason = $"{gas.Code} does not burn: %LEL has no meaning for it";
                    return false;
                }
                fraction = VolumeConcentration.FromPercent(value / 100.0 * gas.LowerExplosiveLimitPercentVolume);
                break;
            default:
                reason = $"unknown unit '{fromUnit}' (accepted: ppm, mg/m3, %vol, %LEL)";
                return false;
        }
        switch (to)
        {
            case Unit.Ppm: result = fraction.PartsPerMillion; return true;
            case Unit.PercentVolume: result = fraction.Percent; return true;
            case Unit.MilligramsPerCubicMetre: result = fraction.ToMassConcentration(Density(gas)).MilligramsPerCubicMeter; return true;
            case Unit.PercentLel:
                if (!gas.IsCombustible)
                {
                    reason = $"{gas.Code} does not burn: %LEL has no meaning for it";
                    return false;
                }
                result = fraction.Percent / gas.LowerExplosiveLimitPercentVolume * 100.0;
                return true;
            default:
                reason = $"cannot convert {fromUnit} to {target}";
                return false;
        }
    }

    /// <summary>Density of the pure gas at 20 °C, 101.3 kPa: M / 24.04 L/mol.</summary>
    private static Density Density(GasInfo gas) =>
        UnitsNet.Density.FromGramsPerLiter(gas.MolarMassGramsPerMole / GasTable.MolarVolumeLitresAt20C);
}
