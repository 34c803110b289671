package com.heimdex.embeddings.admin;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The admin page's HTML, written on the server: tables, native {@code <progress>} bars and plain
 * forms, no script. Every value from the database or a request is HTML-escaped.
 */
final class AdminPage {

	private static final String STYLE = """
			body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem;color:#1d2330}
			table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{padding:.3rem .7rem;text-align:left;
			border-bottom:1px solid #dde}td.n{text-align:right;font-variant-numeric:tabular-nums}
			progress{width:12rem}.notice{padding:.6rem 1rem;background:#e6f4ea;border:1px solid #9ccaa8}
			.problem{padding:.6rem 1rem;background:#fce8e6;border:1px solid #e3a39b}
			button{padding:.4rem .9rem}.danger{background:#b3261e;color:#fff;border:0;border-radius:4px}
			header{display:flex;justify-content:space-between;align-items:baseline}""";

	private AdminPage() {
	}

	static String login(CsrfToken csrf, String notice) {
		return page("Sign in", false, """
				<h1>scene-embedding-jobs admin</h1>
				%s<form method="post" action="/admin/login">%s
				<label>Admin token <input type="password" name="token" id="token" autocomplete="current-password"
				 required autofocus></label>
				<button type="submit" id="sign-in">Sign in</button></form>""".formatted(
				(notice != null) ? "<p class=\"problem\" id=\"notice\">" + escape(notice) + "</p>" : "", hidden(csrf)));
	}

	static String dashboard(CsrfToken csrf, CoverageReport.Coverage coverage, List<ExecutionView> executions,
			String message, String problem) {
		boolean anyRunning = executions.stream().anyMatch(ExecutionView::running);
		StringBuilder html = new StringBuilder();
		html.append("<header><h1>Embeddings</h1><form method=\"post\" action=\"/admin/logout\">")
			.append(hidden(csrf))
			.append("<button type=\"submit\">Sign out</button></form></header>");
		if (message != null) {
			html.append("<p class=\"notice\" id=\"message\" role=\"status\">").append(escape(message)).append("</p>");
		}
		if (problem != null) {
			html.append("<p class=\"problem\" id=\"problem\" role=\"alert\">").append(escape(problem)).append("</p>");
		}
		html.append("<p>Embedding spec <strong id=\"spec-version\">")
			.append(escape(coverage.specVersion()))
			.append("</strong>, fingerprint <code>")
			.append(escape(coverage.specFingerprint()))
			.append("</code></p>");
		html.append("<form method=\"get\" action=\"/admin/reprocess\"><button type=\"submit\" id=\"reprocess-all\" ")
			.append("class=\"danger\">Reprocess embeddings (all)</button></form>");
		html.append("<h2>Coverage per channel</h2><p>").append(coverage.scenes()).append(" scenes, ")
			.append(coverage.noThumbnail()).append(" without a thumbnail</p>");
		html.append("<table id=\"coverage\"><tr><th>channel</th><th>embedded</th><th>of</th><th>coverage</th><th></th></tr>");
		for (CoverageReport.Channel channel : coverage.channels()) {
			html.append(row(channel.channel(), channel.embedded(), channel.eligible(), channel.coveragePct(), ""));
		}
		html.append("</table><h2>At the current spec</h2>");
		html.append("<table id=\"spec-coverage\"><tr><th>table</th><th>current</th><th>of</th><th>coverage</th>")
			.append("<th></th></tr>");
		for (CoverageReport.SpecTable table : coverage.atCurrentSpec()) {
			html.append(row(table.table(), table.current(), table.rows(), table.coveragePct(), table.note()));
		}
		html.append("</table><h2>Errors</h2><table id=\"errors\"><tr><th>channel</th><th>error</th><th>rows</th></tr>");
		if (coverage.errors().isEmpty()) {
			html.append("<tr><td colspan=\"3\">none</td></tr>");
		}
		for (CoverageReport.ErrorCount error : coverage.errors()) {
			html.append("<tr><td>").append(escape(error.channel())).append("</td><td>").append(escape(error.error()))
				.append("</td><td class=\"n\">").append(error.count()).append("</td></tr>");
		}
		html.append("</table>");
		appendExecutions(html, csrf, executions);
		return page("Embeddings admin", anyRunning, html.toString());
	}

	static String confirmReprocess(CsrfToken csrf, long videoCount, CoverageReport.Spec spec) {
		StringBuilder steps = new StringBuilder("<ul>");
		for (CoverageReport.Step step : spec.steps()) {
			steps.append("<li>").append(escape(step.name())).append(": ")
				.append(step.enabled() ? "on" : "off (" + escape(step.offReason()) + ")").append("</li>");
		}
		steps.append("</ul>");
		return page("Reprocess embeddings (all)", false, """
				<h1>Reprocess embeddings (all)?</h1>
				<p id="confirm-text">This queues <code>reprocess scope=all</code> for <strong>%d video(s)</strong>
				(videos in PROCESSING are skipped) using spec version <strong>%s</strong>. Each step does only
				what is stale; text embeddings cost API calls.</p>%s
				<form method="post" action="/admin/reprocess">%s
				<button type="submit" id="confirm" class="danger">Confirm: reprocess all</button>
				<a href="/admin" id="cancel">Cancel</a></form>""".formatted(videoCount, escape(spec.version()),
				steps, hidden(csrf)));
	}

	private static void appendExecutions(StringBuilder html, CsrfToken csrf, List<ExecutionView> executions) {
		html.append("<h2>Recent executions</h2><table id=\"executions\"><tr><th>execution</th><th>job</th>")
			.append("<th>status</th><th>started</th><th>ended</th><th>progress</th><th>ETA</th><th></th></tr>");
		if (executions.isEmpty()) {
			html.append("<tr><td colspan=\"8\">none yet</td></tr>");
		}
		for (ExecutionView execution : executions) {
			html.append("<tr id=\"execution-").append(execution.executionId()).append("\"><td class=\"n\">")
				.append(execution.executionId()).append("</td><td>").append(escape(execution.jobName()))
				.append("</td><td class=\"status\">").append(escape(execution.status())).append("</td><td>")
				.append(time(execution.startTime())).append("</td><td>").append(time(execution.endTime()))
				.append("</td><td>").append(progress(execution)).append("</td><td>").append(eta(execution))
				.append("</td><td>");
			if (execution.running()) {
				html.append("<form method=\"post\" action=\"/admin/executions/").append(execution.executionId())
					.append("/stop\">").append(hidden(csrf)).append("<button type=\"submit\">Stop</button></form>");
			}
			html.append("</td></tr>");
		}
		html.append("</table>");
	}

	private static String progress(ExecutionView execution) {
		ExecutionView.Progress progress = execution.progress();
		if (progress == null) {
			return "read " + execution.readCount() + ", written " + execution.writeCount();
		}
		if (progress.percent() == null) {
			return escape(progress.step()) + ": " + progress.done() + " done";
		}
		return "<progress max=\"100\" value=\"%.1f\"></progress> %s: %d/%d (%.1f%%)".formatted(progress.percent(),
				escape(progress.step()), progress.done(), progress.total(), progress.percent());
	}

	private static String eta(ExecutionView execution) {
		ExecutionView.Progress progress = execution.progress();
		if (progress == null || progress.etaSeconds() == null) {
			return execution.running() ? "unknown" : "";
		}
		Duration eta = Duration.ofSeconds(progress.etaSeconds());
		return (eta.toHours() > 0) ? "%dh %02dm".formatted(eta.toHours(), eta.toMinutesPart())
				: "%dm %02ds".formatted(eta.toMinutes(), eta.toSecondsPart());
	}

	private static String row(String name, long part, long whole, double percent, String note) {
		return String.format(Locale.ROOT, "<tr id=\"coverage-%s\"><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d"
				+ "</td><td><progress max=\"100\" value=\"%.2f\"></progress> %.2f%%</td><td>%s</td></tr>",
				escape(name), escape(name), part, whole, percent, percent, escape(note));
	}

	private static String time(java.time.LocalDateTime time) {
		return (time != null) ? escape(time.toString().replace('T', ' ')) : "";
	}

	private static String hidden(CsrfToken csrf) {
		return (csrf == null) ? "" : "<input type=\"hidden\" name=\"" + escape(csrf.getParameterName()) + "\" value=\""
				+ escape(csrf.getToken()) + "\">";
	}

	private static String page(String title, boolean refresh, String body) {
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
				+ (refresh ? "<meta http-equiv=\"refresh\" content=\"5\">" : "") + "<style>" + STYLE
				+ "</style></head><body>" + body + "</body></html>";
	}

	private static String escape(String text) {
		return (text != null) ? HtmlUtils.htmlEscape(text) : "";
	}

}
