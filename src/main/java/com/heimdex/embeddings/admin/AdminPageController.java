package com.heimdex.embeddings.admin;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.heimdex.embeddings.batch.InvalidJobArgumentsException;
import com.heimdex.embeddings.batch.JobAlreadyRunningException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The admin page: coverage, errors, recent executions and the "Reprocess embeddings (all)" button,
 * rendered on the server, plain HTML forms (no JavaScript). Actions are POSTs carrying the session's
 * CSRF token, each answered with a redirect to the page (so a reload never repeats one).
 */
@Controller
@ConditionalOnWebApplication
class AdminPageController {

	private static final int RECENT_EXECUTIONS = 15;

	private final CoverageReport coverage;

	private final ExecutionControl executions;

	private final ReprocessQueue reprocess;

	AdminPageController(CoverageReport coverage, ExecutionControl executions, ReprocessQueue reprocess) {
		this.coverage = coverage;
		this.executions = executions;
		this.reprocess = reprocess;
	}

	@GetMapping("/")
	String root() {
		return "redirect:/admin";
	}

	@GetMapping(path = "/admin/login", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String login(HttpServletRequest request, @RequestParam(required = false) String error,
			@RequestParam(required = false) String signedOut) {
		String notice = (error != null) ? "Wrong token." : (signedOut != null) ? "Signed out." : null;
		return AdminPage.login(csrf(request), notice);
	}

	@GetMapping(path = "/admin", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String dashboard(HttpServletRequest request) {
		return AdminPage.dashboard(csrf(request), this.coverage.coverage(),
				this.executions.recent(null, RECENT_EXECUTIONS), flash(request, "message"), flash(request, "problem"));
	}

	@GetMapping(path = "/admin/reprocess", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String confirmReprocess(HttpServletRequest request) {
		return AdminPage.confirmReprocess(csrf(request), this.reprocess.videosOfScopeAll(),
				this.coverage.spec());
	}

	@PostMapping("/admin/reprocess")
	String reprocess(RedirectAttributes redirect) {
		try {
			ReprocessQueue.Queued queued = this.reprocess.queue(new ReprocessEmbeddingsRequest("all", null, null, false));
			redirect.addFlashAttribute("message", queued.message());
		}
		catch (JobAlreadyRunningException | InvalidJobArgumentsException | ServerStoppingException ex) {
			redirect.addFlashAttribute("problem", "Not queued: " + ex.getMessage());
		}
		return "redirect:/admin";
	}

	@PostMapping("/admin/executions/{executionId}/stop")
	String stop(@PathVariable long executionId, RedirectAttributes redirect) throws Exception {
		try {
			redirect.addFlashAttribute("message", this.executions.stop(executionId));
		}
		catch (UnknownResourceException | ExecutionStateException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/admin";
	}

	private static CsrfToken csrf(HttpServletRequest request) {
		return (CsrfToken) request.getAttribute(CsrfToken.class.getName());
	}

	/** A flash attribute of the redirect that led here (Spring MVC puts them in the request). */
	private static String flash(HttpServletRequest request, String name) {
		Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
		return (flash != null && flash.get(name) != null) ? flash.get(name).toString() : null;
	}

}
