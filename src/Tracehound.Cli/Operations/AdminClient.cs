using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Tracehound.Cli.Output;

namespace Tracehound.Cli.Operations;

/// <summary>
/// Reads a running application's admin endpoints. Refusals and unreachable servers become
/// <see cref="UnavailableException"/> with the server's own explanation; 404 is an absent answer.
/// </summary>
internal sealed class AdminClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _base;

    public AdminClient(Uri baseAddress, string token)
    {
        _base = new Uri(baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress.AbsoluteUri : baseAddress.AbsoluteUri + "/");
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class =>
        await GetOptionalAsync(path, type, cancellationToken).ConfigureAwait(false)
        ?? throw new UnavailableException($"{new Uri(_base, path)}: not found (is the admin prefix right?)");

    public async Task<T?> GetOptionalAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var address = new Uri(_base, path);
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(address, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new UnavailableException($"{address}: cannot connect ({exception.Message})", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UnavailableException($"{address}: no answer within {_http.Timeout.TotalSeconds:0} s", exception);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var hint = response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized => "the token was refused",
                    HttpStatusCode.Forbidden => "this address or token is not allowed",
                    _ => "the server failed",
                };
                throw new UnavailableException($"{address}: {(int)response.StatusCode} {response.ReasonPhrase}: {hint}. {Trim(detail)}");
            }

            return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
                ?? throw new UnavailableException($"{address}: empty answer");
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Trim(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
