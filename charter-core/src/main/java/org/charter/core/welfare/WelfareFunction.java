package org.charter.core.welfare;

/**
 * A social welfare function: ranks the options of a {@link UtilityProfile} by the welfare of the groups' utilities
 * and returns all tied best options with every option's welfare as evidence. The implementations, their sources and
 * the registry of ids are in {@link WelfareFunctions}.
 */
public sealed interface WelfareFunction permits WelfareFunctions.Utilitarian, WelfareFunctions.Nash,
        WelfareFunctions.Egalitarian, WelfareFunctions.Leximin, WelfareFunctions.Atkinson {
    /** The id, with the parameter when there is one: {@code "leximin"}, {@code "atkinson:2"}. */
    String id();

    WelfareResult rank(UtilityProfile profile);
}
