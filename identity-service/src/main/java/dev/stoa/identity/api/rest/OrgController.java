package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.api.rest.OrgViews.MemberView;
import dev.stoa.identity.api.rest.OrgViews.OrgView;
import dev.stoa.identity.domain.InviteService;
import dev.stoa.identity.domain.MemberService;
import dev.stoa.identity.domain.OrgService;
import dev.stoa.web.openapi.ProblemResponse;
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
    private final InviteService invites;

    public OrgController(OrgService orgs, MemberService members, InviteService invites) {
        this.orgs = orgs;
        this.members = members;
        this.invites = invites;
    }

    @GetMapping
    @Operation(operationId = "getOrg", summary = "Get the current organization.")
    public OrgView get(Principal principal) {
        return OrgView.of(orgs.get(principal));
    }

    @PatchMapping
    @Operation(operationId = "updateOrg", summary = "Update organization settings (admin).")
    @ProblemResponse(status = 409, description = "slug_taken: another org uses this slug.")
    public OrgView update(Principal principal, @Valid @RequestBody OrgRequests.UpdateOrg body) {
        String settings = null;
        if (body.settings() != null && !body.settings().isNull()) {
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
    @Operation(operationId = "listMembers", summary = "List org members.")
    public PageResponse<MemberView> listMembers(
            Principal principal,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(
                members.list(principal, PageRequest.of(limit, cursor)).map(MemberView::of));
    }

    @PostMapping("/members")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "inviteMember",
            summary = "Invite someone by email (admin, with a verified email). The invitee is mailed and joins only by"
                    + " accepting; the response never carries a token.")
    @ProblemResponse(
            status = 409,
            description = "already_member / already_invited: this email is a member or has a pending invite.")
    public MemberView invite(Principal principal, @Valid @RequestBody OrgRequests.Invite body) {
        return MemberView.of(invites.invite(principal, body.email(), Role.fromWire(body.role())));
    }

    @PatchMapping("/members/{member_id}/role")
    @Operation(
            operationId = "changeMemberRole",
            summary = "Change a member's role (admin; owner role changes need an owner).")
    @ProblemResponse(status = 422, description = "last_owner: the last owner of the org cannot be demoted.")
    public MemberView changeRole(
            Principal principal,
            @PathVariable("member_id") String memberId,
            @Valid @RequestBody OrgRequests.ChangeRole body) {
        return MemberView.of(members.changeRole(principal, memberId, Role.fromWire(body.role())));
    }

    @DeleteMapping("/members/{member_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "removeMember",
            summary = "Remove a member (admin); ends their sessions and revokes their API keys.")
    @ProblemResponse(status = 422, description = "last_owner: the last owner of the org cannot be removed.")
    public void remove(Principal principal, @PathVariable("member_id") String memberId) {
        members.remove(principal, memberId);
    }
}
