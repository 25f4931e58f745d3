using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Recommender.Dashboard.Admin;

/// <summary>
/// Sign-in and sign-out as plain form posts (not over the circuit, so they can set the cookie);
/// binding a form makes both check the antiforgery token.
/// </summary>
public static class AccountEndpoints
{
    public const string SignInPath = "/signin";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/signin", SignInAsync).WithName("SignIn");
        // No form fields to bind, so ask for the antiforgery check explicitly.
        account.MapPost("/signout", (Func<HttpContext, Task<IResult>>)SignOutAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute()).WithName("SignOut");
        return app;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm(Name = "username")] string? userName, [FromForm(Name = "password")] string? password,
        [FromForm(Name = "returnUrl")] string? returnUrl, HttpContext http, IOptions<AdminOptions> options)
    {
        var admin = options.Value;
        var back = IsLocal(returnUrl) ? returnUrl! : "/runs";
        if (!string.Equals(userName, admin.UserName, StringComparison.Ordinal) || !SamePassword(password ?? "", admin.Password))
        {
            return TypedResults.LocalRedirect($"{SignInPath}?failed=true&returnUrl={Uri.EscapeDataString(back)}");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, admin.UserName), new Claim(ClaimTypes.Role, AdminOptions.Role)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.LocalRedirect(back);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/");
    }

    private static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    // Compares digests so the time taken says nothing about the password's length or prefix.
    private static bool SamePassword(string given, string expected) =>
        expected.Length > 0 && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
