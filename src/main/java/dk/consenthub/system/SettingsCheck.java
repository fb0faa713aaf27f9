package dk.consenthub.system;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.Ordered;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * Binds and validates every hub setting (each {@code @ConfigurationProperties} record of the hub) as soon as the
 * configuration is read, before a database, stub server or route starts: a bad value stops startup at once, named by
 * its property, and every bad one is named, not only the first. The beans bind the same settings again, the same way.
 */
public class SettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Binder binder = Binder.get(event.getEnvironment());
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        List<RuntimeException> problems = new ArrayList<>();
        try {
            for (Class<?> settings : settingsClasses()) {
                String prefix = settings.getAnnotation(ConfigurationProperties.class).value();
                // a handler keeps the errors it saw: one per record
                ValidationBindHandler handler = new ValidationBindHandler(
                        new IgnoreTopLevelConverterNotFoundBindHandler(), validator);
                try {
                    Object bound = binder.bindOrCreate(prefix, Bindable.of(settings), handler);
                    if (bound instanceof CryptoProperties crypto) {
                        PayloadCipher.decodeKeys(crypto);
                    }
                } catch (BindException | IllegalStateException bad) {
                    problems.add(bad);
                }
            }
        } finally {
            validator.close();
        }
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        if (!problems.isEmpty()) {
            IllegalStateException all = new IllegalStateException(problems.size() + " settings are invalid (each below)");
            problems.forEach(all::addSuppressed);
            throw all;
        }
    }

    private static List<Class<?>> settingsClasses() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> classes = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dk.consenthub")) {
            classes.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), SettingsCheck.class.getClassLoader()));
        }
        return classes;
    }
}
