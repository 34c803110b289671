package com.heimdex.embeddings.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin page in a real browser: Debian's chromium, driven by Selenium through chromium-driver
 * (scripts/test.sh installs both), against the server on a real port and PostgreSQL. Keeps a
 * screenshot of the page in {@code target/admin-page.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminPageBrowserTests extends AdminServerTest {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	private int port;

	private WebDriver browser;

	@BeforeEach
	void openBrowser() {
		assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
			.as("Debian's chromium and chromium-driver are installed (scripts/test.sh installs them)")
			.isTrue();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--window-size=1280,1400");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void signInSeeCoverageReprocessAllAndWatchTheRunComplete() throws IOException {
		// given: an owner's two READY videos whose scenes have text and no embedding yet
		UUID owner = UUID.randomUUID();
		UUID first = video(owner, "READY");
		UUID second = video(owner, "READY");
		scene(first, owner, 0);
		scene(first, owner, 1);
		scene(second, owner, 0);

		// when: the page is opened, it asks for the token; a wrong one is refused
		this.browser.get(url("/admin"));
		assertThat(this.browser.getCurrentUrl()).endsWith("/admin/login");
		signIn("not-the-token-not-the-token-not-the-token");
		assertThat(element(By.id("notice")).getText()).isEqualTo("Wrong token.");
		signIn(TOKEN);

		// then: coverage per channel with bars, nothing embedded yet
		assertThat(element(By.id("spec-version")).getText()).isEqualTo("2026-12-01");
		assertThat(this.browser.getCurrentUrl()).endsWith("/admin");
		assertThat(cells("coverage-text_transcript")).startsWith("text_transcript 0 3");
		// clip, the three text channels and the lexical index
		assertThat(this.browser.findElements(By.cssSelector("#coverage progress"))).hasSize(5);
		assertThat(cells("coverage-lexical")).startsWith("lexical 0 3");

		// when: Reprocess embeddings (all), then confirm
		this.browser.findElement(By.id("reprocess-all")).click();
		assertThat(element(By.id("confirm-text")).getText()).contains("2 video(s)")
			.contains("spec version 2026-12-01");
		this.browser.findElement(By.id("confirm")).click();

		// then: the queued message with the spec version, and the execution listed
		assertThat(element(By.id("message")).getText())
			.isEqualTo("Queued embedding reprocessing for 2 video(s) using spec version 2026-12-01");
		// the run starts on a background thread: the page lists it once its execution exists
		reloadUntil("#executions td:nth-child(2)", "reprocess");
		reloadUntil("#executions td.status", "COMPLETED");
		assertThat(cells("coverage-text_transcript")).startsWith("text_transcript 3 3");
		assertThat(cells("coverage-videos")).startsWith("videos 2 2");
		Path screenshot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(screenshot, Path.of("target/admin-page.png"), StandardCopyOption.REPLACE_EXISTING);

		// and PostgreSQL holds the run's result
		assertThat(this.jdbc.queryForObject("SELECT count(embedding_transcript) FROM video_scenes", Long.class))
			.isEqualTo(3);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM videos WHERE embedding_spec_version = '2026-12-01'",
				Long.class)).isEqualTo(2);
	}

	/** The element once the page that has it has loaded (a click returns before the next page is there). */
	private WebElement element(By locator) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.presenceOfElementLocated(locator));
	}

	private void signIn(String token) {
		element(By.id("token")).sendKeys(token);
		this.browser.findElement(By.id("sign-in")).click();
	}

	/** Reloads the page until the first element the selector finds has this text. */
	private void reloadUntil(String cssSelector, String text) {
		new WebDriverWait(this.browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500)).until((driver) -> {
			driver.navigate().refresh();
			return driver.findElement(By.cssSelector(cssSelector)).getText().equals(text);
		});
	}

	private String cells(String rowId) {
		return this.browser.findElement(By.id(rowId)).getText().replaceAll("\\s+", " ");
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
