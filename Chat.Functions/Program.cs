using Chat.Functions.Adapters;
using Chat.Functions.Auth;
using Chat.Functions.Realtime;
using Chat.Shared.Http;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Blobs;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Options;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Every HTTP function (negotiate included) runs only after the bearer token was validated.
builder.UseWhen<BearerAuthenticationMiddleware>(context =>
    context.FunctionDefinition.InputBindings.Values.Any(binding => binding.Type == "httpTrigger"));

builder.Services.AddChatHttp();
builder.Services.AddChatCosmos(builder.Configuration);

builder.Services.AddSingleton<SignalRHub>();
builder.Services.AddSingleton<IRealtimePublisher>(sp => sp.GetRequiredService<SignalRHub>());
builder.Services.AddHostedService(sp => sp.GetRequiredService<SignalRHub>());

builder.Services.AddOptions<AttachmentStorageSettings>().BindConfiguration(AttachmentStorageSettings.SectionName);
builder.Services.AddSingleton(sp => BlobAttachmentStore.Create(
    builder.Configuration, sp.GetRequiredService<IOptions<AttachmentStorageSettings>>().Value, sp.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton<IAttachmentStore>(sp => sp.GetRequiredService<BlobAttachmentStore>());
builder.Services.AddHostedService<AttachmentContainerProvisioning>();

builder.Build().Run();
