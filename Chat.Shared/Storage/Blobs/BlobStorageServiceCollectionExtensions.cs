using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Storage.Blobs;

public static class BlobStorageServiceCollectionExtensions
{
    /// <summary>
    /// The attachment store on Azure Blob Storage: <see cref="AttachmentStorageSettings"/> from <c>Chat:Attachments</c>
    /// (validated at start-up), one <see cref="BlobAttachmentStore"/> as <see cref="IAttachmentStore"/>, and the
    /// container created at start-up when <see cref="AttachmentStorageSettings.ProvisionOnStartup"/> is set (Azurite).
    /// </summary>
    public static IServiceCollection AddChatBlobStorage(this IServiceCollection services)
    {
        services.AddOptions<AttachmentStorageSettings>().BindConfiguration(AttachmentStorageSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AttachmentStorageSettings>, AttachmentStorageSettingsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => BlobAttachmentStore.Create(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IOptions<AttachmentStorageSettings>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IAttachmentStore>(sp => sp.GetRequiredService<BlobAttachmentStore>());
        services.AddHostedService<AttachmentContainerProvisioning>();
        return services;
    }
}
