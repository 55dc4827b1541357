using System.Net.Http.Headers;

namespace Tracehound.AspNetCore.Tests.Support;

internal static class Requests
{
    public static HttpRequestMessage Signal(HttpMethod method, string target, string category = "injection", string severity = "high", string? ruleId = "942100", string? body = null)
    {
        var request = new HttpRequestMessage(method, target);
        request.Headers.TryAddWithoutValidation("X-Threat-Category", category);
        request.Headers.TryAddWithoutValidation("X-Threat-Severity", severity);
        if (ruleId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Threat-Rule-Id", ruleId);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonElement.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static void Bearer(this HttpClient client, string token) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
