using System.Security.Cryptography;

namespace OrleansGroq.Silo.Admin;

internal static class AdminServiceCollectionExtensions
{
    /// <summary>Registers what the admin routes need: their access settings (<c>Gateway:Admin</c>), validated at start.</summary>
    public static IServiceCollection AddGatewayAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName))
            .Validate(
                o => string.IsNullOrWhiteSpace(o.TokenSha256) || IsDigest(o.TokenSha256.Trim()),
                $"{AdminOptions.SectionName}:TokenSha256 must be 64 hex characters (the SHA-256 of the admin token).")
            .ValidateOnStart();
        services.AddSingleton<AdminAuthenticator>();
        services.AddHostedService<AdminNotices>();
        return services;
    }

    private static bool IsDigest(string hex) => hex.Length == 2 * SHA256.HashSizeInBytes && hex.All(char.IsAsciiHexDigit);
}
