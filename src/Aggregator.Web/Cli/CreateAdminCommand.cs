using Aggregator.Admin;

namespace Aggregator.Cli;

public sealed class CreateAdminCommand(AdminAccounts accounts) : CliCommand
{
    public override string Name => "create-admin";
    public override string Usage => "create-admin --email <e> --password <p>";
    public override string Summary => "create an admin account, or reset its password and role";
    public override IReadOnlyCollection<string> Options => ["email", "password"];

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var email = arguments.Required("email");
        var password = arguments.Required("password");
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
            throw new CliUsageException($"--email '{email}' is not an email address");
        var result = await accounts.EnsureAdminAsync(email, password);
        if (!result.Succeeded)
            throw new CliFailureException(string.Join("; ", result.Errors));
        await output.WriteLineAsync(result.Created ? $"Created admin {email}." : $"Updated admin {email}.");
        return CliRunner.Success;
    }
}
