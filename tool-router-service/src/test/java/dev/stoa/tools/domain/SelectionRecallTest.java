package dev.stoa.tools.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.tools.domain.model.SelectedTool;
import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.model.ToolDefinition;
import dev.stoa.tools.embeddings.MiniLmEmbeddings;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Smart selection on a small labelled set: 24 tools, 36 user requests each labelled with the tool that serves it. The
 * real all-MiniLM-L6-v2 model ranks them; recall@k (the share of requests whose tool is among the k picked) must beat
 * random choice (k / 24) by a wide margin.
 */
class SelectionRecallTest {
    static final Map<String, String> TOOLS = Map.ofEntries(
            Map.entry("get_weather", "Current weather and forecast for a city: temperature, rain, wind."),
            Map.entry("send_email", "Sends an email to a recipient with a subject and a body."),
            Map.entry("create_calendar_event", "Creates a meeting or event in the user's calendar at a date and time."),
            Map.entry("search_flights", "Searches flights between two airports on given dates, with prices."),
            Map.entry("book_hotel", "Books a hotel room in a city for check-in and check-out dates."),
            Map.entry("convert_currency", "Converts an amount of money from one currency to another at today's rate."),
            Map.entry("get_stock_price", "Latest share price and daily change of a stock ticker."),
            Map.entry("translate_text", "Translates text from one language into another."),
            Map.entry("create_invoice", "Creates an invoice for a customer with line items and due date."),
            Map.entry("refund_payment", "Refunds a customer's card payment, fully or partly."),
            Map.entry("lookup_order", "Finds an order by its number: items, status and shipping tracking."),
            Map.entry("reset_password", "Sends a password reset link to a user's account."),
            Map.entry("create_ticket", "Opens a support ticket describing a customer's problem."),
            Map.entry("query_database", "Runs a read-only SQL query against the analytics database."),
            Map.entry("deploy_service", "Deploys a new version of a service to production."),
            Map.entry("restart_server", "Restarts a virtual machine or server that is not responding."),
            Map.entry("get_directions", "Driving or walking directions and travel time between two places."),
            Map.entry("find_restaurant", "Finds restaurants nearby by cuisine, price and rating."),
            Map.entry("play_music", "Plays a song, album or playlist on the user's speakers."),
            Map.entry("set_reminder", "Reminds the user about something at a given time."),
            Map.entry("summarize_document", "Summarizes a long document or PDF into key points."),
            Map.entry("calculate", "Evaluates an arithmetic expression and returns the number."),
            Map.entry("get_news", "Latest news headlines on a topic."),
            Map.entry("order_groceries", "Orders groceries for home delivery from a shopping list."));

    static final Map<String, String> QUERIES = Map.ofEntries(
            Map.entry("Will it rain in Oslo tomorrow?", "get_weather"),
            Map.entry("How cold is it in Berlin right now", "get_weather"),
            Map.entry("Email my boss that I will be late", "send_email"),
            Map.entry("Write to alice@example.com about the contract", "send_email"),
            Map.entry("Schedule a meeting with the team on Friday at 10", "create_calendar_event"),
            Map.entry("Put the dentist appointment in my agenda for Monday", "create_calendar_event"),
            Map.entry("Any cheap flights from Paris to Rome next week?", "search_flights"),
            Map.entry("I need a room in Lisbon for three nights", "book_hotel"),
            Map.entry("How many dollars is 250 euros?", "convert_currency"),
            Map.entry("What is Apple's share price today", "get_stock_price"),
            Map.entry("How did NVDA trade today?", "get_stock_price"),
            Map.entry("Say 'good morning' in Japanese", "translate_text"),
            Map.entry("Bill ACME Corp for 10 hours of consulting", "create_invoice"),
            Map.entry("Give the customer their money back for order 1234", "refund_payment"),
            Map.entry("Where is my package? Order number 55812", "lookup_order"),
            Map.entry("I forgot my password and cannot log in", "reset_password"),
            Map.entry("The app crashes when I upload a photo, please help", "create_ticket"),
            Map.entry("How many users signed up last month? Check the data", "query_database"),
            Map.entry("Ship version 2.3 of the billing service to prod", "deploy_service"),
            Map.entry("The web server is frozen, reboot it", "restart_server"),
            Map.entry("How do I get from the station to the museum on foot?", "get_directions"),
            Map.entry("Suggest a good sushi place near me", "find_restaurant"),
            Map.entry("Play some jazz in the living room", "play_music"),
            Map.entry("Remind me to call mum at 6pm", "set_reminder"),
            Map.entry("Give me the key points of this 40-page report", "summarize_document"),
            Map.entry("What is 17 times 23 plus 4?", "calculate"),
            Map.entry("What's happening in the world of AI today?", "get_news"),
            Map.entry("We are out of milk and eggs, get them delivered", "order_groceries"),
            Map.entry("Find me a hotel near the beach in Nice", "book_hotel"),
            Map.entry("Book a table for Italian food tonight", "find_restaurant"),
            Map.entry("Convert 1000 yen to pounds", "convert_currency"),
            Map.entry("Cancel the charge on my card and refund it", "refund_payment"),
            Map.entry("Open a bug report: login page shows an error", "create_ticket"),
            Map.entry("Headlines about the election", "get_news"),
            Map.entry("Send a note to the landlord about the broken heater", "send_email"),
            Map.entry("How long does it take to drive to Bergen?", "get_directions"));

    @Test
    void smartSelectionFindsTheRightToolFarMoreOftenThanChance() {
        ToolSelector selector = new ToolSelector(new MiniLmEmbeddings());
        List<SelectedTool> allowed = new ArrayList<>();
        TOOLS.forEach((name, description) -> allowed.add(tool(name, description)));
        int[] hits = new int[4];
        for (var query : QUERIES.entrySet()) {
            List<SelectedTool> ranked = selector.rank(allowed, query.getKey(), 3);
            for (int k = 1; k <= 3; k++) {
                if (ranked.subList(0, k).stream().anyMatch(t -> t.tool().name().equals(query.getValue()))) {
                    hits[k]++;
                }
            }
        }
        double recall1 = (double) hits[1] / QUERIES.size();
        double recall3 = (double) hits[3] / QUERIES.size();
        System.out.printf(
                "smart selection over %d tools, %d labelled queries: recall@1 %.2f (random %.2f), recall@3 %.2f (random %.2f)%n",
                TOOLS.size(), QUERIES.size(), recall1, 1.0 / TOOLS.size(), recall3, 3.0 / TOOLS.size());
        assertThat(recall3).isGreaterThanOrEqualTo(0.85);
        assertThat(recall1).isGreaterThanOrEqualTo(0.6);
    }

    @Test
    void alwaysIncludedToolsArePickedWhateverTheQueryAndOnTopOfTheTopK() {
        ToolSelector selector = new ToolSelector(new MiniLmEmbeddings());
        List<SelectedTool> allowed = new ArrayList<>();
        TOOLS.forEach((name, description) -> allowed.add(tool(name, description)));
        allowed.replaceAll(t -> t.tool().name().equals("calculate") ? t.ranked(0, AgentTools.REASON_ALWAYS) : t);
        List<SelectedTool> ranked = selector.rank(allowed, "Will it rain in Oslo tomorrow?", 2);
        assertThat(ranked)
                .filteredOn(t -> !t.reason().equals(AgentTools.REASON_NOT_SELECTED))
                .extracting(t -> t.tool().name())
                .hasSize(3)
                .contains("calculate", "get_weather");
        assertThat(ranked.getFirst().score()).isGreaterThan(ranked.getLast().score());
    }

    private static SelectedTool tool(String name, String description) {
        OffsetDateTime now = OffsetDateTime.now();
        Tool tool = new Tool(
                "tool_" + name,
                "org_test",
                "sdk_test",
                new ToolDefinition(name, description, "{\"type\":\"object\"}", 30_000, List.of(), false),
                "v1",
                Tool.SOURCE_SDK,
                now,
                now);
        return new SelectedTool(tool, 30_000, false, 0, AgentTools.REASON_ALLOWED, SelectedTool.VIA_ORG, null);
    }
}
