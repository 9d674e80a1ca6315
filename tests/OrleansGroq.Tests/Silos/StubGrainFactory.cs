using System.Reflection;

namespace OrleansGroq.Tests.Silos;

/// <summary>
/// An <see cref="IGrainFactory"/> that serves string-keyed grains from in-test objects and hands local observers back
/// as their own references, as a silo does for an observer of its own; any other call fails the test. Orleans'
/// factory is a large interface, so this is a proxy rather than an implementation of every member.
/// </summary>
internal class StubGrainFactory : DispatchProxy
{
    private Func<Type, string, IGrain> _grains = null!;

    /// <summary>A factory whose <c>GetGrain&lt;T&gt;(string)</c> answers with <paramref name="grains"/>(typeof(T), key).</summary>
    public static IGrainFactory Create(Func<Type, string, IGrain> grains)
    {
        var factory = DispatchProxy.Create<IGrainFactory, StubGrainFactory>();
        ((StubGrainFactory)(object)factory)._grains = grains;
        return factory;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var generic = targetMethod.IsGenericMethod ? targetMethod.GetGenericArguments()[0] : null;
        return targetMethod.Name switch
        {
            nameof(IGrainFactory.GetGrain) when generic is not null && args is [string key, ..] => _grains(generic, key),
            nameof(IGrainFactory.CreateObjectReference) when generic is not null && args is [IGrainObserver observer] => observer,
            nameof(IGrainFactory.DeleteObjectReference) when generic is not null => null,
            _ => throw new NotSupportedException($"The stub grain factory does not serve {targetMethod}."),
        };
    }
}
