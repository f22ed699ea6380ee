package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.api.rest.OrgViews.MemberView;
import dev.stoa.identity.api.rest.OrgViews.OrgView;
import dev.stoa.identity.domain.MemberService;
import dev.stoa.identity.domain.OrgService;
import dev.stoa.identity.domain.model.Member;
import dev.stoa.identity.domain.model.Revealed;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Organization group: the org itself and its members. */
@RestController
@RequestMapping("/api/v1/org")
@Tag(name = "Organization")
public class OrgController {
    static final int MAX_SETTINGS_CHARS = 16_384;

    private final OrgService orgs;
    private final MemberService members;

    public OrgController(OrgService orgs, MemberService members) {
        this.orgs = orgs;
        this.members = members;
    }

    @GetMapping
    @Operation(summary = "Get the current organization.")
    public OrgView get(Principal principal) {
        return OrgView.of(orgs.get(principal));
    }

    @PatchMapping
    @Operation(summary = "Update organization settings (admin).")
    public OrgView update(Principal principal, @Valid @RequestBody OrgRequests.UpdateOrg body) {
        String settings = null;
        if (body.settings() != null) {
            if (!body.settings().isObject()) {
                throw new InvalidInputException("settings", "must be a JSON object");
            }
            settings = body.settings().toString();
            if (settings.length() > MAX_SETTINGS_CHARS) {
                throw new InvalidInputException(
                        "settings", "must be at most " + MAX_SETTINGS_CHARS + " characters of JSON");
            }
        }
        return OrgView.of(orgs.update(principal, body.name(), body.slug(), settings));
    }

    @GetMapping("/members")
    @Operation(summary = "List org members.")
    public PageResponse<MemberView> listMembers(
            Principal principal,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(
                members.list(principal, PageRequest.of(limit, cursor)).map(MemberView::of));
    }

    @PostMapping("/members")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite a new member (admin). A new email gets an invite token, shown once.")
    public MemberView invite(Principal principal, @Valid @RequestBody OrgRequests.Invite body) {
        Revealed<Member> invited = members.invite(principal, body.email(), Role.fromWire(body.role()));
        return MemberView.of(invited.record(), invited.secret());
    }

    @PatchMapping("/members/{memberId}/role")
    @Operation(summary = "Change a member's role (admin; owner role changes need an owner).")
    public MemberView changeRole(
            Principal principal, @PathVariable String memberId, @Valid @RequestBody OrgRequests.ChangeRole body) {
        return MemberView.of(members.changeRole(principal, memberId, Role.fromWire(body.role())));
    }

    @DeleteMapping("/members/{memberId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member (admin); ends their sessions and revokes their API keys.")
    public void remove(Principal principal, @PathVariable String memberId) {
        members.remove(principal, memberId);
    }
}
