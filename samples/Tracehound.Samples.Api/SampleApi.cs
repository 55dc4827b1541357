using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Tracehound.Samples.Api;

/// <summary>
/// A small shop API (products, search, orders, login, reviews) with Tracehound in front. <see cref="Build"/>
/// makes the application; <see cref="StartAsync"/> also starts it and reports the address it listens on,
/// so a caller (the CLI's <c>tracehound demo</c>, tests, benchmarks) can run it in-process on a free
/// loopback port.
/// </summary>
public static class SampleApi
{
    /// <summary>The detector name the review endpoint flags with.</summary>
    public const string ReviewValidator = "sample-review-validator";

    private static readonly Product[] s_products =
    [
        new(1, "Trail running shoes", 129.00m, 40),
        new(2, "Merino base layer", 79.50m, 120),
        new(3, "Ultralight tent", 449.00m, 8),
        new(4, "Headlamp 400 lm", 39.90m, 300),
        new(5, "Water filter", 34.00m, 75),
    ];

    /// <summary>Builds the application without starting it.</summary>
    public static WebApplication Build(SampleApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [.. options.Args], ApplicationName = typeof(SampleApi).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Url);
        if (options.DataDirectory is not null)
        {
            builder.Configuration["Tracehound:DataDirectory"] = options.DataDirectory;
        }

        foreach (var (key, value) in options.Configuration)
        {
            builder.Configuration[key] = value;
        }

        options.ConfigureLogging?.Invoke(builder.Logging);
        if (options.EnableTracehound)
        {
            builder.Services.AddTracehound(o => options.ConfigureTracehound?.Invoke(o));
        }

        builder.Services.AddSingleton<OrderBook>();
        var app = builder.Build();
        if (options.EnableTracehound)
        {
            app.UseTracehound();
            app.MapHealthChecks("/health");
        }

        MapEndpoints(app);
        return app;
    }

    /// <summary>Builds and starts the application; dispose the result to stop it.</summary>
    public static async Task<RunningSampleApi> StartAsync(SampleApiOptions options, CancellationToken cancellationToken = default)
    {
        var app = Build(options);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("The server reported no address.");
        return new RunningSampleApi(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    private static void MapEndpoints(WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/products", () => TypedResults.Ok(s_products));
        api.MapGet("/products/{id:int}", (int id) =>
            s_products.FirstOrDefault(p => p.Id == id) is { } product ? Results.Ok(product) : Results.NotFound());
        api.MapGet("/search", (string? q) =>
            TypedResults.Ok(s_products.Where(p => q is null || p.Name.Contains(q, StringComparison.OrdinalIgnoreCase)).ToArray()));

        api.MapPost("/orders", (OrderRequest order, OrderBook book) =>
        {
            if (s_products.FirstOrDefault(p => p.Id == order.ProductId) is not { } product)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["productId"] = ["Unknown product."] });
            }

            if (order.Quantity is < 1 or > 100)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["quantity"] = ["Order 1 to 100 items."] });
            }

            var placed = book.Place(product, order.Quantity, order.Note);
            return Results.Created($"/api/orders/{placed.Id}", placed);
        });
        api.MapGet("/orders/{id:int}", (int id, OrderBook book) => book.Find(id) is { } order ? Results.Ok(order) : Results.NotFound());

        api.MapPost("/login", (LoginRequest login) =>
            login is { Username: "demo", Password: "correct horse battery staple" }
                ? Results.Ok(new LoginResponse("demo-session-token", DateTimeOffset.UtcNow.AddHours(1)))
                : Results.Unauthorized());

        // The application's own validation finds an injection in a field and flags the request after the
        // fact: Tracehound quarantines its evidence and answers 403, since nothing was written yet.
        api.MapPost("/reviews", (ReviewRequest review, HttpContext http) =>
        {
            if (ReviewScreening.FindInjection(review.Text) is { } rule)
            {
                http.Flag(ThreatCategory.Injection, Severity.High, ReviewValidator, rule);
                return Results.Empty;
            }

            if (review.Rating is < 1 or > 5 || string.IsNullOrWhiteSpace(review.Text))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["rating"] = ["Rate 1 to 5 and say something."] });
            }

            return Results.Created($"/api/products/{review.ProductId}/reviews", new { review.ProductId, review.Rating });
        });
    }

    private sealed class OrderBook
    {
        private readonly ConcurrentDictionary<int, Order> _orders = new();
        private int _next;

        public Order Place(Product product, int quantity, string? note)
        {
            var order = new Order(Interlocked.Increment(ref _next), product.Id, quantity, product.Price * quantity, note);
            _orders[order.Id] = order;
            return order;
        }

        public Order? Find(int id) => _orders.GetValueOrDefault(id);
    }
}

/// <summary>A product of the sample shop.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Price">Its price.</param>
/// <param name="Stock">Items in stock.</param>
public sealed record Product(int Id, string Name, decimal Price, int Stock);

/// <summary>The body of <c>POST /api/orders</c>.</summary>
/// <param name="ProductId">What to order.</param>
/// <param name="Quantity">How many.</param>
/// <param name="Note">A note for the shop.</param>
public sealed record OrderRequest(int ProductId, int Quantity, string? Note);

/// <summary>A placed order.</summary>
/// <param name="Id">Its id.</param>
/// <param name="ProductId">The product.</param>
/// <param name="Quantity">How many.</param>
/// <param name="Total">The price.</param>
/// <param name="Note">The customer's note.</param>
public sealed record Order(int Id, int ProductId, int Quantity, decimal Total, string? Note);

/// <summary>The body of <c>POST /api/login</c>.</summary>
/// <param name="Username">The user.</param>
/// <param name="Password">The password.</param>
public sealed record LoginRequest(string Username, string Password);

/// <summary>A successful login.</summary>
/// <param name="Token">The session token.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt);

/// <summary>The body of <c>POST /api/reviews</c>.</summary>
/// <param name="ProductId">The product reviewed.</param>
/// <param name="Rating">1 to 5.</param>
/// <param name="Text">The review.</param>
public sealed record ReviewRequest(int ProductId, int Rating, string Text);
