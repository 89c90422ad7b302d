using Chat.Functions.Auth;
using Chat.Functions.Realtime;
using Chat.Shared.Events;
using Chat.Shared.Http;
using Chat.Shared.Storage.Blobs;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Functions.Worker.Builder;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseChatBearerAuthentication();

builder.Services
    .AddChatHttp()
    .AddChatCosmos()
    .AddChatBlobStorage()
    .AddChatEvents()
    .AddChatSignalR();

builder.Build().Run();
