namespace Qinshui.Edge.Tests.Simulator;

/// <summary>Small scenarios written inline for loader and expectation tests.</summary>
internal static class ScenarioText
{
    public const string Plant = """
        "plant": {
          "gases": [ { "id": "air", "unit": "%vol", "volumeM3": 200, "ventilationM3PerMin": 400, "leakM3PerMin": 0.4, "background": 0.02 } ],
          "sensors": [ { "id": "ch4-sensor", "measures": "air", "rangeMin": 0, "rangeMax": 4, "t90": "30s" } ],
          "contacts": [ { "id": "cam", "kind": "camera" } ],
          "relays": [ { "id": "k1" } ]
        }
        """;

    public const string Gateway = """
        "gateway": {
          "channels": [ { "id": "ch4", "profile": "MINE_CH4_FACE", "sensor": "ch4-sensor" } ],
          "outputs": [ { "id": "power", "relay": "k1", "trippedBy": [ "ch4" ], "requires": [ "cam" ] } ]
        }
        """;

    public static string With(string timeline, string expectations, string duration = "3min") => $$"""
        {
          "name": "inline", "duration": "{{duration}}", "seed": 1,
          {{Gateway}},
          {{Plant}},
          "timeline": [ {{timeline}} ],
          "expectations": [ {{expectations}} ]
        }
        """;

    /// <summary>Methane rising from 30 s to a 2 %vol steady state: the face trip (1.5) happens near 100 s.</summary>
    public const string MethaneRamp = """{ "at": "30s", "action": "ramp", "target": "air", "property": "leakM3PerMin", "value": 8, "over": "20s" }""";
}
