package com.heimdex.embeddings.admin;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Admin only, everywhere. The API (and its OpenAPI description) takes {@code Authorization: Bearer
 * <ADMIN_TOKEN>} on every request, statelessly: no session, no cookie, so no cross-site request can
 * ride on it. The page signs in once with the same token (a form), keeps a session cookie and
 * protects its actions with CSRF tokens. Without a configured token the server does not start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class AdminSecurityConfiguration {

	static final String ADMIN_ROLE = "ROLE_ADMIN";

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	@Bean
	AdminToken adminToken(AdminProperties properties) {
		return AdminToken.of(properties.token());
	}

	/** The page's sign-in: the password field carries the token. */
	@Bean
	AuthenticationProvider adminTokenAuthenticationProvider(AdminToken token) {
		return new AuthenticationProvider() {

			@Override
			public org.springframework.security.core.Authentication authenticate(
					org.springframework.security.core.Authentication authentication) {
				Object credentials = authentication.getCredentials();
				if (!token.matches((credentials != null) ? credentials.toString() : null)) {
					throw new BadCredentialsException("wrong admin token");
				}
				return UsernamePasswordAuthenticationToken.authenticated("admin", null,
						List.of(new SimpleGrantedAuthority(ADMIN_ROLE)));
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
			}

		};
	}

	@Bean
	@Order(1)
	SecurityFilterChain adminApi(HttpSecurity http, AdminToken token) throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
			response.setStatus(401);
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scene-embedding-jobs admin\"");
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getOutputStream()
				.write("{\"error\":\"authentication required: send Authorization: Bearer <ADMIN_TOKEN>\",\"field\":null}"
					.getBytes(StandardCharsets.UTF_8));
		};
		return http.securityMatcher("/v1/**", "/v3/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority(ADMIN_ROLE))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Bearer tokens only, never cookies: a browser cannot attach the token to a forged request.
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.addFilterBefore(new BearerTokenFilter(token, unauthorized), UsernamePasswordAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthorized))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain adminPage(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/admin/login", "/error")
				.permitAll()
				.anyRequest()
				.hasAuthority(ADMIN_ROLE))
			.formLogin((form) -> form.loginPage("/admin/login")
				.passwordParameter("token")
				.defaultSuccessUrl("/admin", true)
				.failureUrl("/admin/login?error"))
			.logout((logout) -> logout.logoutUrl("/admin/logout").logoutSuccessUrl("/admin/login?signedOut"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
			.build();
	}

}
