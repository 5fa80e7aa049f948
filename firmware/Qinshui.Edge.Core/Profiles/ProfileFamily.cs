namespace Qinshui.Edge.Core.Profiles
{
    public enum ProfileFamily
    {
        MineMethane = 0,
        MineGas = 1,
        MineTemperature = 2,
        PlantCombustible = 3,
        PlantToxic = 4,
        PlantOxygen = 5,
    }

    public static class ProfileFamilyNames
    {
        public static string Name(ProfileFamily f)
        {
            switch (f)
            {
                case ProfileFamily.MineMethane: return "mine_methane";
                case ProfileFamily.MineGas: return "mine_gas";
                case ProfileFamily.MineTemperature: return "mine_temperature";
                case ProfileFamily.PlantCombustible: return "plant_combustible";
                case ProfileFamily.PlantToxic: return "plant_toxic";
                case ProfileFamily.PlantOxygen: return "plant_oxygen";
                default: return "unknown";
            }
        }
    }
}
