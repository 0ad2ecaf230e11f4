using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Parley.Server.Customers;
using Parley.Server.Hosting;

namespace Parley.Server.Tests.Customers;

public sealed class ConversationIdsTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private static ConversationIds WithKey(byte[] key) =>
        new(Options.Create(new ParleyOptions { InstallationKey = Convert.ToBase64String(key) }));

    [Fact]
    public void Every_edge_with_the_installation_key_derives_the_same_id_from_a_key()
    {
        const string key = "6f1c9a52-93b4-4c39-9d1e-2c51a0e7b8f4";

        Assert.Equal(WithKey(Key).For(key), WithKey(Key).For(key));
    }

    [Fact]
    public void Another_key_or_another_installation_gives_another_id()
    {
        var ids = WithKey(Key);

        Assert.NotEqual(ids.For("6f1c9a52-93b4-4c39-9d1e-2c51a0e7b8f4"), ids.For("6f1c9a52-93b4-4c39-9d1e-2c51a0e7b8f5"));
        Assert.NotEqual(ids.For("6f1c9a52-93b4-4c39-9d1e-2c51a0e7b8f4"), WithKey(RandomNumberGenerator.GetBytes(32)).For("6f1c9a52-93b4-4c39-9d1e-2c51a0e7b8f4"));
    }

    [Fact]
    public void A_derived_id_is_not_the_key_even_when_the_key_is_a_conversation_id()
    {
        var existing = ConversationIds.New();

        var derived = WithKey(Key).For(existing.ToString());

        Assert.NotEqual(existing, derived);
        Assert.Equal(8, derived.Version);
        Assert.Equal(0b10, derived.Variant >> 2);
    }

    [Theory]
    [InlineData("6f1c9a52-93b4-4c39-9d1e-2c51a0e7b8f4", true)]
    [InlineData("abcdefghijklmnop", true)]
    [InlineData("abcdefghijklmno", false)]
    [InlineData("key with spaces, long enough", false)]
    [InlineData("ключ-ключ-ключ-ключ", false)]
    public void A_key_is_16_to_64_letters_digits_dashes_or_underscores(string key, bool valid)
    {
        Assert.Equal(valid, ConversationIds.IsValidKey(key));
        Assert.False(ConversationIds.IsValidKey(new string('a', ConversationIds.MaxKeyLength + 1)));
    }
}
