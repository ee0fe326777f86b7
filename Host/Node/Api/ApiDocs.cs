using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace DistSys.Host.Api;

/// <summary>
/// What an endpoint tells the OpenAPI document (GET /openapi/v1.json) that the generator cannot see for
/// itself: the handlers read their bodies by hand (<see cref="JsonBodyReader"/>) and answer through
/// <c>Results.Json</c> with source-generated contexts, so their request and answer types are declared
/// here. The answers every endpoint shares (401, 415, 429, 500) are added once, by <see cref="ApiDocument"/>.
/// </summary>
internal static class ApiDocs
{
    private const string Json = "application/json";

    /// <summary>The operation's id (unique across the node) and one-line summary.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string operationId, string summary) =>
        endpoint.WithName(operationId).WithSummary(summary);

    /// <summary>The JSON body the handler parses, as a record that has exactly the fields it knows.</summary>
    public static RouteHandlerBuilder AcceptsJson<TRequest>(this RouteHandlerBuilder endpoint)
        where TRequest : notnull =>
        endpoint.Accepts<TRequest>(Json);

    /// <summary>The success answer and its JSON body.</summary>
    public static RouteHandlerBuilder Answers<TResponse>(this RouteHandlerBuilder endpoint, int status = StatusCodes.Status200OK) =>
        endpoint.Produces<TResponse>(status, Json);

    /// <summary>A query parameter the handler reads by hand (so the generator cannot see it).</summary>
    public static RouteHandlerBuilder Query(this RouteHandlerBuilder endpoint, string name, JsonSchemaType type, string description) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = description,
                Schema = new OpenApiSchema { Type = type },
            });
            return Task.CompletedTask;
        });

    /// <summary>
    /// An error answer, <c>{"error","detail"}</c> (<see cref="ApiError"/>), with the stable codes it may carry;
    /// on a route group it applies to every endpoint of the group.
    /// </summary>
    public static TBuilder Fails<TBuilder>(this TBuilder endpoint, int status, string codes)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiError), [Json]) { Description = codes });
}
