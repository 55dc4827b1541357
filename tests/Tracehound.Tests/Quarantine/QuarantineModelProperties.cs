using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Tracehound.Tests.Quarantine;

/// <summary>One step of a random quarantine workload.</summary>
public readonly record struct QuarantineOp(int Kind, Severity Severity, int Size, int Pick)
{
    public override string ToString() => Kind switch
    {
        0 => $"replay#{Pick}",
        1 => $"neutralize#{Pick}",
        _ => $"insert({Severity},{Size})",
    };
}

public static class QuarantineOpArbitraries
{
    public static Arbitrary<QuarantineOp> Op() => Arb.From(
        from kind in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Constant(1)), (6, Gen.Constant(2)))
        from severity in Gen.Elements(Severity.Low, Severity.Medium, Severity.High, Severity.Critical)
        from size in Gen.Choose(8, 64)
        from pick in Gen.Choose(0, 1000)
        select new QuarantineOp(kind, severity, size, pick));
}

[Properties(Arbitrary = [typeof(QuarantineOpArbitraries)], MaxTest = 300)]
public class QuarantineModelProperties
{
    [Property]
    public void Eviction_follows_severity_then_age_and_limits_always_hold(QuarantineOp[] ops, PositiveInt maxItemsSeed, PositiveInt maxBytesSeed)
    {
        var maxItems = 1 + (maxItemsSeed.Get % 8);
        var maxBytes = 64 + (maxBytesSeed.Get % 200);
        using var agent = new Agent(TestScents.Options(maxItems, maxBytes));
        var model = new List<(ThreatSignature Signature, Severity Severity, long Order, int Size)>();
        var inserted = new List<byte[]>();
        long order = 0;

        foreach (var op in ops)
        {
            switch (op.Kind)
            {
                case 0 when inserted.Count > 0:
                {
                    // Replay an earlier payload: Ignored while it is held, quarantined again once it is gone.
                    var payload = inserted[op.Pick % inserted.Count];
                    var result = agent.Intercept(TestScents.Threat(payload, op.Severity));
                    var held = model.FindIndex(m => m.Signature == result.Signature);
                    Assert.Equal(held >= 0 ? InterceptStatus.Ignored : InterceptStatus.Quarantined, result.Status);
                    if (held < 0)
                    {
                        Admit(model, result.Signature, op.Severity, ++order, payload.Length, maxItems, maxBytes);
                    }

                    break;
                }

                case 1 when model.Count > 0:
                {
                    var victim = model[op.Pick % model.Count];
                    Assert.True(agent.Quarantine.TryNeutralize(victim.Signature, out var record));
                    Assert.Equal(victim.Size, record!.Size);
                    model.Remove(victim);
                    break;
                }

                default:
                {
                    var payload = new byte[op.Size];
                    BinaryPrimitives.WriteInt64LittleEndian(payload, inserted.Count);
                    inserted.Add(payload);
                    var result = agent.Intercept(TestScents.Threat(payload, op.Severity));
                    Assert.Equal(InterceptStatus.Quarantined, result.Status);
                    Admit(model, result.Signature, op.Severity, ++order, op.Size, maxItems, maxBytes);
                    break;
                }
            }

            Assert.True(agent.Quarantine.Count <= maxItems);
            Assert.True(agent.Quarantine.Bytes <= maxBytes);
            var expected = model.Select(m => m.Signature).ToHashSet();
            var actual = agent.Quarantine.List().Select(e => e.Signature).ToHashSet();
            Assert.Equal(expected, actual);
            Assert.Equal(model.Sum(m => m.Size), agent.Quarantine.Bytes);
        }
    }

    private static void Admit(List<(ThreatSignature Signature, Severity Severity, long Order, int Size)> model, ThreatSignature signature, Severity severity, long order, int size, int maxItems, long maxBytes)
    {
        // The reference: evict the minimum by (severity, age) until the newcomer fits.
        while (model.Count + 1 > maxItems || model.Sum(m => m.Size) + size > maxBytes)
        {
            var victim = model.OrderBy(m => m.Severity).ThenBy(m => m.Order).First();
            model.Remove(victim);
        }

        model.Add((signature, severity, order, size));
    }
}
