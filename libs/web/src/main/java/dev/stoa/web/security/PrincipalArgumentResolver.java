package dev.stoa.web.security;

import dev.stoa.common.auth.Principal;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a controller method take the caller's {@link Principal} as a parameter. */
public final class PrincipalArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Principal.class;
    }

    @Override
    public Principal resolveArgument(
            MethodParameter parameter,
            @org.jspecify.annotations.Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            @org.jspecify.annotations.Nullable WebDataBinderFactory binderFactory) {
        return CurrentPrincipal.get();
    }
}
