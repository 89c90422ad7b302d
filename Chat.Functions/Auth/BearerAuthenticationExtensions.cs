using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Auth;

public static class BearerAuthenticationExtensions
{
    /// <summary>Every HTTP function (negotiate included) runs only after <see cref="BearerAuthenticationMiddleware"/> validated the bearer token.</summary>
    public static IFunctionsWorkerApplicationBuilder UseChatBearerAuthentication(this IFunctionsWorkerApplicationBuilder builder) =>
        builder.UseWhen<BearerAuthenticationMiddleware>(context =>
            context.FunctionDefinition.InputBindings.Values.Any(binding => binding.Type == "httpTrigger"));
}
