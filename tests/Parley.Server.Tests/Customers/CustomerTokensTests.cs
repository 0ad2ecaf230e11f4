using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Parley.Server.Customers;
using Parley.Server.Hosting;

namespace Parley.Server.Tests.Customers;

public sealed class CustomerTokensTests
{
    private static CustomerTokens WithKey(byte[] key) =>
        new(Options.Create(new ParleyOptions { InstallationKey = Convert.ToBase64String(key) }));

    private readonly CustomerTokens _tokens = WithKey(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_token_opens_the_conversation_it_was_issued_for()
    {
        var id = Guid.NewGuid();

        Assert.Equal(id, _tokens.Validate(_tokens.Issue(id)));
    }

    [Fact]
    public void A_token_with_any_byte_changed_is_refused()
    {
        var token = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(_tokens.Issue(Guid.NewGuid()));
        for (var i = 0; i < token.Length; i++)
        {
            var tampered = (byte[])token.Clone();
            tampered[i] ^= 0x01;
            Assert.Null(_tokens.Validate(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(tampered)));
        }
    }

    [Fact]
    public void A_token_of_another_installation_is_refused()
    {
        var other = WithKey(RandomNumberGenerator.GetBytes(32));

        Assert.Null(_tokens.Validate(other.Issue(Guid.NewGuid())));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 !!")]
    [InlineData("c2hvcnQ")]
    public void Garbage_is_refused(string? token) => Assert.Null(_tokens.Validate(token));

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Without_a_configured_key_one_is_generated_once_and_kept_in_the_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("parley-key-").FullName;
        try
        {
            var options = Options.Create(new ParleyOptions { DataDirectory = directory });
            var token = new CustomerTokens(options).Issue(Guid.NewGuid());

            Assert.NotNull(new CustomerTokens(options).Validate(token));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "installation.key")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
