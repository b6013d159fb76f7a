using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Aggregator.Admin;

/// <summary>
/// Encrypts the data-protection keys before they are stored in the database (AES-256-GCM), with a key that only the
/// environment holds ("DataProtection:KeyEncryptionKey", 32 bytes in base64), so a database dump alone cannot forge
/// sign-in cookies.
/// </summary>
public sealed class KeyEncryptor(byte[] key) : IXmlEncryptor
{
    public const string Setting = "DataProtection:KeyEncryptionKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(key, tag.Length))
            aes.Encrypt(nonce, plaintext, ciphertext, tag);
        var sealedKey = new XElement("aesGcm", new XElement("value", Convert.ToBase64String([.. nonce, .. tag, .. ciphertext])));
        return new EncryptedXmlInfo(sealedKey, typeof(KeyDecryptor));
    }

    /// <summary>The key from configuration, or null when none is set; a set key that is not 32 bytes of base64 is an error.</summary>
    public static byte[]? KeyFrom(IConfiguration configuration)
    {
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text)) return null;
        var key = Convert.TryFromBase64String(text.Trim(), new byte[64], out var length) ? Convert.FromBase64String(text.Trim()) : null;
        return key is { Length: 32 } ? key
            : throw new Storage.MissingConfigurationException($"{Setting} must be 32 random bytes in base64 (openssl rand -base64 32); it is {length} bytes.");
    }
}

/// <summary>Decrypts what <see cref="KeyEncryptor"/> stored; created by data protection, which hands it the app's services.</summary>
public sealed class KeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = KeyEncryptor.KeyFrom(services.GetRequiredService<IConfiguration>())
            ?? throw new CryptographicException($"the stored keys are encrypted but {KeyEncryptor.Setting} is not set");
        var sealedKey = Convert.FromBase64String(encryptedElement.Element("value")!.Value);
        var nonce = sealedKey[..AesGcm.NonceByteSizes.MaxSize];
        var tag = sealedKey[nonce.Length..(nonce.Length + AesGcm.TagByteSizes.MaxSize)];
        var ciphertext = sealedKey[(nonce.Length + tag.Length)..];
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key, tag.Length))
            aes.Decrypt(nonce, ciphertext, tag, plaintext);
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
