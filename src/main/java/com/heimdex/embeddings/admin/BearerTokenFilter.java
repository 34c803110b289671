package com.heimdex.embeddings.admin;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} against {@code ADMIN_TOKEN}. A wrong token
 * is answered 401 at once; a missing one is left to the chain, which answers 401 too.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private final AdminToken token;

	private final AuthenticationEntryPoint unauthorized;

	BearerTokenFilter(AdminToken token, AuthenticationEntryPoint unauthorized) {
		this.token = token;
		this.unauthorized = unauthorized;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			if (!this.token.matches(header.substring(PREFIX.length()).strip())) {
				SecurityContextHolder.clearContext();
				this.unauthorized.commence(request, response, new BadCredentialsException("wrong admin token"));
				return;
			}
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin-token", null,
						List.of(new SimpleGrantedAuthority(AdminSecurityConfiguration.ADMIN_ROLE))));
		}
		chain.doFilter(request, response);
	}

}
