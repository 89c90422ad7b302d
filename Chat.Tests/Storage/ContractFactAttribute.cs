using Xunit.Abstractions;
using Xunit.Sdk;

namespace Chat.Tests.Storage;

/// <summary>
/// A fact of a contract suite that runs once per implementation. It is reported as skipped, with the reason, in a
/// test class marked <see cref="RequiresEnvironmentAttribute"/> when that environment variable is not set
/// (xunit 2 decides skips at discovery, and an attribute on a base-class method cannot see the subclass).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Chat.Tests.Storage.ContractFactDiscoverer", "Chat.Tests")]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>Marks a test class whose contract facts need an environment variable (for example a real database).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresEnvironmentAttribute(string variable, string reason) : Attribute
{
    public string Variable { get; } = variable;
    public string Reason { get; } = reason;

    public string? SkipReason =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)) ? $"{Variable} is not set: {Reason}" : null;
}

/// <summary>A fact that needs a real Cosmos DB: skipped, with the reason, unless CHAT_TEST_COSMOS_CONNECTION is set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CosmosFactAttribute : FactAttribute
{
    public const string Variable = "CHAT_TEST_COSMOS_CONNECTION";
    public const string Reason = "set it to a Cosmos DB connection string (for example the emulator's) to run the Cosmos DB store tests.";

    public CosmosFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: {Reason}";
        }
    }
}

public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new ContractTestCase(
            diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

public sealed class ContractTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ContractTestCase()
    {
    }

    public ContractTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, displayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var testClass = (TestMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
        var requirement = testClass?.GetCustomAttributes(typeof(RequiresEnvironmentAttribute), inherit: true)
            .OfType<RequiresEnvironmentAttribute>()
            .FirstOrDefault();
        return requirement?.SkipReason ?? base.GetSkipReason(factAttribute);
    }
}
