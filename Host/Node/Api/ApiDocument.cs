using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace DistSys.Host.Api;

/// <summary>
/// <c>GET /openapi/v1.json</c>: the node's HTTP surface as an OpenAPI document, generated at run time from
/// the endpoints that are mapped (so diagnostics appear only on a node that maps them) and what they declare
/// through <see cref="ApiDocs"/>. It is an endpoint like the others: it needs the API token.
/// </summary>
internal static class ApiDocument
{
    public const string Path = "/openapi/v1.json";
    public const string SecurityScheme = "bearer";

    /// <summary>The document generator, before the app is built.</summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        // The generator draws its schemas with the HTTP JSON options. No endpoint serializes through them (each
        // passes its source-generated context), so they are set to what those contexts write: snake_case names,
        // numbers as JSON numbers only (the web default would also allow strings), nullability as annotated.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.RespectNullableAnnotations = true;
        });
        return services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(DescribeDocumentAsync);
            options.AddOperationTransformer(AddSharedAnswersAsync);
        });
    }

    /// <summary>Maps the document; after the token middleware like every route.</summary>
    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(Path);
        return app;
    }

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "DistSys node",
            Version = "v1",
            Description = "The REST API of one node (docs/api.md). Bodies are JSON with snake_case field names; every error is "
                + "{\"error\": CODE, \"detail\": TEXT}, the detail naming the offending field. A node started with --allowed-hosts "
                + "answers any request whose Host header is not one of them 400 invalid_host.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [SecurityScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The node's API token: Authorization: Bearer TOKEN (~/.distsys.token, --api-token-file or DISTSYS_API_TOKEN; docs/security.md).",
            },
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
        return Task.CompletedTask;
    }

    // The pipeline's answers (ApiPipeline), the same on every endpoint they apply to.
    private static Task AddSharedAnswersAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        // The generator names a declared answer by its status ("Not Found"); the codes it carries say more.
        foreach (var declared in metadata.OfType<IProducesResponseTypeMetadata>())
        {
            if (declared.Description is { } codes && operation.Responses.TryGetValue(Status(declared.StatusCode), out var answer)
                && answer is OpenApiResponse response)
            {
                response.Description = codes;
            }
        }

        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            // An empty list overrides the document's requirement: this operation needs no token.
            operation.Security = [];
        }
        else
        {
            AddError(operation, context, StatusCodes.Status401Unauthorized, "unauthorized: no Authorization: Bearer TOKEN header, or not this node's token");
        }

        if (operation.RequestBody is not null)
        {
            AddError(operation, context, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type: the body's Content-Type is not one this endpoint accepts");
        }

        if (!metadata.OfType<DisableRateLimitingAttribute>().Any())
        {
            AddError(operation, context, StatusCodes.Status429TooManyRequests, "rate_limited: more requests per second from this address than --api-rate-limit; Retry-After gives the seconds to wait");
        }

        AddError(operation, context, StatusCodes.Status500InternalServerError, "internal: a bug; the detail says nothing about it, the node's log has the exception");
        return Task.CompletedTask;
    }

    private static void AddError(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description) =>
        operation.Responses!.TryAdd(Status(status), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(nameof(ApiError), context.Document) },
            },
        });

    private static string Status(int code) => code.ToString(CultureInfo.InvariantCulture);
}
