package io.marketbatch.admin.api;

import io.marketbatch.jobs.launch.BadJobRequestException;

import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every API error is a JSON {@code {"error": "..."}} that names the field and the
 * expected form.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

	@ExceptionHandler(BadJobRequestException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ApiViews.Problem badRequest(BadJobRequestException e) {
		return new ApiViews.Problem(e.getMessage());
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	ApiViews.Problem notFound(NotFoundException e) {
		return new ApiViews.Problem(e.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ApiViews.Problem unreadable(HttpMessageNotReadableException e) {
		return new ApiViews.Problem("malformed JSON body: expected an object of parameters such as "
				+ "{\"from\":\"2026-10-28\",\"to\":\"2026-10-29\",\"symbols\":\"RELIANCE,TCS\"}");
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	@ResponseStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
	ApiViews.Problem mediaType(HttpMediaTypeNotSupportedException e) {
		return new ApiViews.Problem("send the parameters as application/json");
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ApiViews.Problem missing(MissingServletRequestParameterException e) {
		return new ApiViews.Problem("parameter '" + e.getParameterName() + "' is required");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ApiViews.Problem mismatch(MethodArgumentTypeMismatchException e) {
		return new ApiViews.Problem("parameter '" + e.getName() + "': cannot read '" + e.getValue() + "'");
	}

}
