package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.client.ApiClient;
import dev.stoa.client.ApiException;
import dev.stoa.client.api.AgentsApi;
import dev.stoa.client.api.AuthApi;
import dev.stoa.client.api.OrganizationApi;
import dev.stoa.client.api.ProvidersApi;
import dev.stoa.client.model.AgentView;
import dev.stoa.client.model.ApiKeyView;
import dev.stoa.client.model.CreateAgent;
import dev.stoa.client.model.CreateApiKey;
import dev.stoa.client.model.InitialBlock;
import dev.stoa.client.model.Login;
import dev.stoa.client.model.ModelBody;
import dev.stoa.client.model.PreviewView;
import dev.stoa.client.model.Problem;
import dev.stoa.client.model.ProviderView;
import dev.stoa.client.model.Register;
import dev.stoa.client.model.RegisterProvider;
import dev.stoa.client.model.TokenResponse;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client generated from docs/openapi.json at build time (openapi-generator, Java native library), used as a new
 * user would: it drives the platform through the gateway from sign-up to a prompt preview. The document it was
 * generated from is the live one ({@link ApiContractEndToEndIT}), so this is the live document working.
 */
class GeneratedClientEndToEndIT {
    /** A local OpenAI-compatible endpoint, as the README's example has it; registering one does not call it. */
    static final String LOCAL_MODELS = "http://127.0.0.1:11434/v1";

    static String gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = SharedPlatform.get().gatewayUrl();
    }

    @Test
    void registerLoginApiKeyProviderAgentAndPromptPreview() throws ApiException {
        String email = "client-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        AuthApi anonymous = new AuthApi(client(null));
        TokenResponse registered = anonymous.register(new Register()
                .email(email)
                .password(SharedPlatform.PASSWORD)
                .name("Ada")
                .orgName("Analytical"));
        assertThat(registered.getRole()).isEqualTo(TokenResponse.RoleEnum.OWNER);

        TokenResponse login = anonymous.login(new Login().email(email).password(SharedPlatform.PASSWORD));
        ApiKeyView key = new OrganizationApi(client(login.getAccessToken()))
                .createApiKey(
                        new CreateApiKey()
                                .name("generated-client")
                                .scopes(List.of(
                                        CreateApiKey.ScopesEnum.PROVIDERS_WRITE,
                                        CreateApiKey.ScopesEnum.AGENTS_READ,
                                        CreateApiKey.ScopesEnum.AGENTS_WRITE))
                                .expiresInDays(CreateApiKey.ExpiresInDaysEnum.NUMBER_30),
                        null);
        assertThat(key.getKey()).startsWith("stoa_sk_");

        ApiClient withKey = client(key.getKey());
        ProviderView registeredProvider = new ProvidersApi(withKey)
                .registerProvider(
                        new RegisterProvider()
                                .name("local")
                                .kind(RegisterProvider.KindEnum.OPENAI_COMPATIBLE)
                                .baseUrl(LOCAL_MODELS)
                                .apiKey("sk-local-test"),
                        null);
        assertThat(registeredProvider.getApiKeyPreview()).isEqualTo("…test");
        assertThat(registeredProvider.getKind()).isEqualTo(ProviderView.KindEnum.OPENAI_COMPATIBLE);

        AgentsApi agents = new AgentsApi(withKey);
        AgentView agent = agents.createAgent(
                new CreateAgent()
                        .name("Support")
                        .model(new ModelBody()
                                .providerId(registeredProvider.getId())
                                .model("gpt-4o-mini"))
                        .promptBlocks(List.of(
                                new InitialBlock().name("persona").content("You help {{customer}} with {{product}}."))),
                null);
        assertThat(agent.getVersion()).isEqualTo(1);
        assertThat(agent.getStatus()).isEqualTo(AgentView.StatusEnum.ACTIVE);

        PreviewView preview = agents.previewPrompt(agent.getId(), "{\"customer\":\"Ada\"}", null, null);
        assertThat(preview.getPrompt()).isEqualTo("You help Ada with {{product}}.");
        assertThat(preview.getMissingVariables()).containsExactly("product");
    }

    @Test
    void errorsArriveAsTheDocumentedProblem() throws Exception {
        ApiClient anonymous = client(null);

        assertThatThrownBy(() -> new AgentsApi(anonymous).getAgent("agt_missing"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(401);
                    Problem problem = problem(anonymous, e);
                    assertThat(problem.getCode()).isEqualTo("unauthenticated");
                    assertThat(problem.getInstance()).isEqualTo("/api/v1/agents/agt_missing");
                    assertThat(problem.getRequestId()).isNotBlank();
                });
    }

    private static Problem problem(ApiClient client, ApiException e) {
        try {
            return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException parse) {
            throw new AssertionError("not a problem: " + e.getResponseBody(), parse);
        }
    }

    /** A client of the gateway, with a bearer credential (an access token or an API key) when given one. */
    private static ApiClient client(@Nullable String bearer) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(gateway);
        if (bearer != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearer));
        }
        return client;
    }
}
