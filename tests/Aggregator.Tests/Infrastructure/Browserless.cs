using System.Net;
using Aggregator.Admin;
using Aggregator.Model;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Infrastructure;

/// <summary>HTTP clients of the in-memory app that sign in and post forms the way a browser does.</summary>
public static class Browserless
{
    public const string Password = "correct horse battery staple";

    /// <summary>Over https, as a browser reaches the app in production: sign-in cookies are Secure outside Development.</summary>
    public static HttpClient Client(AppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });

    public static async Task<HttpClient> SignedInAsync(AppFactory app, string email, bool admin)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (admin)
            {
                var result = await scope.ServiceProvider.GetRequiredService<AdminAccounts>().EnsureAdminAsync(email, Password);
                Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            }
            else
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                if (await users.FindByEmailAsync(email) is null)
                    Assert.True((await users.CreateAsync(new AppUser { UserName = email, Email = email, CreatedAt = DateTimeOffset.UtcNow }, Password)).Succeeded);
            }
        }
        var client = Client(app);
        var response = await PostFormAsync(client, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>GETs the page, takes its antiforgery token, and posts the form fields with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPath = null)
    {
        var fieldsWithToken = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, formPath ?? path) };
        return await client.PostAsync(path, new FormUrlEncodedContent(fieldsWithToken));
    }

    /// <summary>
    /// Submits the page's form as a browser would: every field with the value the page gave it, checkboxes only when
    /// checked (after <paramref name="uncheck"/> unticks some), hidden fields and the antiforgery token included.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(HttpClient client, string path, string formSelector,
        Dictionary<string, string>? values = null, string[]? uncheck = null, string[]? check = null)
    {
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(path));
        var form = document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"{path} has no form {formSelector}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var field in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = field.GetAttribute("name")!;
            var isCheckbox = field.GetAttribute("type") == "checkbox";
            if (isCheckbox && (!(field.HasAttribute("checked") || check?.Contains(name) == true) || uncheck?.Contains(name) == true)) continue;
            var value = values is not null && values.TryGetValue(name, out var given) && !isCheckbox && field.GetAttribute("type") != "hidden"
                ? given
                : field.GetAttribute("value") ?? field.TextContent;
            fields.Add(new(name, value));
        }
        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : path;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var document = new HtmlParser().ParseDocument(html);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{path} has no antiforgery token");
    }
}
