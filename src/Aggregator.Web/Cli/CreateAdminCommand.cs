using Aggregator.Admin;

namespace Aggregator.Cli;

/// <summary>
/// Creates or resets an admin. The password comes from standard input (<c>--password-stdin</c>) or the environment
/// (<see cref="PasswordVariable"/>), where other users cannot read it; <c>--password</c> still works but shows the
/// password to anyone who lists processes, so it warns.
/// </summary>
public sealed class CreateAdminCommand(AdminAccounts accounts, IConfiguration configuration, ILogger<CreateAdminCommand> logger) : CliCommand
{
    public const string PasswordVariable = "AGGREGATOR_ADMIN_PASSWORD";

    /// <summary>Where <c>--password-stdin</c> reads from; the console's standard input unless a caller supplies another.</summary>
    public TextReader Input { get; init; } = Console.In;

    public override string Name => "create-admin";
    public override string Usage => $"create-admin --email <e> (--password-stdin | env {PasswordVariable})";
    public override string Summary => "create an admin account, or reset its password and role";
    public override IReadOnlyCollection<string> Options => ["email", "password"];
    public override IReadOnlyCollection<string> Flags => ["password-stdin"];

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var email = arguments.Required("email");
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
            throw new CliUsageException($"--email '{email}' is not an email address");
        var password = await PasswordAsync(arguments, cancellationToken);
        var result = await accounts.EnsureAdminAsync(email, password);
        if (!result.Succeeded)
            throw new CliFailureException(string.Join("; ", result.Errors));
        await output.WriteLineAsync(result.Created ? $"Created admin {email}." : $"Updated admin {email}.");
        return CliRunner.Success;
    }

    private async Task<string> PasswordAsync(CliArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Flag("password-stdin"))
            return (await Input.ReadLineAsync(cancellationToken))?.TrimEnd('\r') is { Length: > 0 } typed
                ? typed
                : throw new CliUsageException("--password-stdin: standard input held no password");
        if (arguments.Optional("password") is { } given)
        {
            logger.LogWarning("--password shows the password to every user who lists processes; use --password-stdin or {Variable}", PasswordVariable);
            return given;
        }
        return configuration[PasswordVariable] is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : throw new CliUsageException($"no password: pipe it to --password-stdin or set {PasswordVariable}");
    }
}
