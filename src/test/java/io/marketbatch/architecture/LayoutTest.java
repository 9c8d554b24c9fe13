package io.marketbatch.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layout's rules, checked on the compiled classes: data flows one way (scheduling →
 * jobs → broker / store → market), admin sits on top, the domain imports nothing of ours,
 * the brokers know nothing of each other, and every package says what it holds.
 */
class LayoutTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.marketbatch");

	@Test
	void dataFlowsOneWay() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.withOptionalLayers(true)
			.layer("Application")
			.definedBy("io.marketbatch")
			.layer("Admin")
			.definedBy("io.marketbatch.admin..")
			.layer("Scheduling")
			.definedBy("io.marketbatch.scheduling..")
			.layer("Jobs")
			.definedBy("io.marketbatch.jobs..")
			.layer("Broker")
			.definedBy("io.marketbatch.broker..")
			.layer("Store")
			.definedBy("io.marketbatch.store..")
			.layer("Config")
			.definedBy("io.marketbatch.config..")
			.layer("Market")
			.definedBy("io.marketbatch.market..")
			.whereLayer("Application")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Admin")
			.mayOnlyBeAccessedByLayers("Application")
			.whereLayer("Scheduling")
			// admin listens to the schedule's events (alerts)
			.mayOnlyBeAccessedByLayers("Application", "Admin")
			.whereLayer("Jobs")
			.mayOnlyBeAccessedByLayers("Application", "Admin", "Scheduling")
			.whereLayer("Broker")
			.mayOnlyBeAccessedByLayers("Application", "Admin", "Scheduling", "Jobs")
			.whereLayer("Store")
			.mayOnlyBeAccessedByLayers("Application", "Admin", "Scheduling", "Jobs")
			.check(CLASSES);
	}

	@Test
	void theDomainImportsNothingOfOurs() {
		noClasses().that()
			.resideInAPackage("io.marketbatch.market..")
			.should()
			.dependOnClassesThat(
					resideInAPackage("io.marketbatch..").and(resideOutsideOfPackage("io.marketbatch.market..")))
			.check(CLASSES);
	}

	@Test
	void theBrokersKnowNothingOfEachOther() {
		slices().matching("io.marketbatch.broker.(*)..")
			.should()
			.notDependOnEachOther()
			.ignoreDependency(alwaysTrue(), resideInAPackage("io.marketbatch.broker.http.."))
			.check(CLASSES);
	}

	@Test
	void theFeaturesAreFreeOfCycles() {
		slices().matching("io.marketbatch.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void everyPackageSaysWhatItHoldsAndIsNullMarked() throws IOException {
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			List<Path> packages = files.filter(Files::isDirectory).filter(dir -> hasJavaFiles(dir)).toList();
			assertThat(packages).isNotEmpty().allSatisfy(dir -> {
				Path info = dir.resolve("package-info.java");
				assertThat(info).as(dir + " has a package-info.java").exists();
				assertThat(Files.readString(info)).contains("@NullMarked").containsPattern("/\\*\\*\\s+\\* \\S");
			});
		}
	}

	@Test
	void mainSourcesStayShortAndReadNoSettingRaw() throws IOException {
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
			assertThat(sources).allSatisfy(source -> {
				List<String> lines = Files.readAllLines(source);
				assertThat(lines.size()).as(source + " lines").isLessThanOrEqualTo(300);
				assertThat(String.join("\n", lines)).as(source + " reads marketbatch.* through its properties record")
					.doesNotContain("getProperty(\"marketbatch");
			});
		}
	}

	private static boolean hasJavaFiles(Path dir) {
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.anyMatch(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java"));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

}
